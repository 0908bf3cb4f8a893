#!/bin/sh
# Remakes the documents the plan-folder tests read, from the second plan's
# document.txt, with other tools than Plan Atlas:
#   guangyuan.docx — written by pandoc (Debian's pandoc 2.17) from a page
#                    of the text's lines as paragraphs;
#   guangyuan.html — that page as a government site would serve it: GBK
#                    (iconv), a navigation bar, a script, &nbsp; indents
#                    and <br> line breaks inside paragraphs.
set -eu
cd "$(dirname "$0")"
src=../guangyuan/document.txt
{
  echo '<html><head><meta charset="utf-8"></head><body>'
  sed -e 's/&/\&amp;/g; s/</\&lt;/g' -e 's|^\(..*\)$|<p>\1</p>|' "$src"
  echo '</body></html>'
} > /tmp/guangyuan-lines.html
pandoc -f html -t docx /tmp/guangyuan-lines.html -o guangyuan.docx
{
  printf '<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=gbk">\n'
  printf '<title>广元市国土空间规划实施要点</title>\n<style>p { text-indent: 2em }</style>\n'
  printf '<script>var nav = "<p>首页</p>";</script>\n</head>\n<body>\n'
  printf '<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>\n<div class="content">\n'
  # Paragraphs as the text has them; an article's items joined by <br>.
  awk 'BEGIN{open=0}
       /^$/ { if (open) { print "</p>"; open=0 } next }
       { gsub(/&/,"\\&amp;"); gsub(/</,"\\&lt;");
         if (open) { printf "<br>\n&nbsp;&nbsp;%s", $0 } else { printf "<p>&nbsp;&nbsp;%s", $0; open=1 } }
       END { if (open) print "</p>" }' "$src"
  printf '</div>\n<div class="footer">版权所有　测试样例</div>\n</body>\n</html>\n'
} | iconv -f UTF-8 -t GBK > guangyuan.html
