package sources

import (
	"strings"

	"github.com/mozillazg/go-pinyin"
)

// maxPinyinVariants bounds the readings kept for a name with several
// polyphonic characters.
const maxPinyinVariants = 12

// namePinyin returns the ways a Chinese name is read in pinyin, without
// tones or spaces (光雾山 → guangwushan), and their initials (gws): the
// dictionary's usual reading first, then each other reading of a
// polyphonic character on its own (重庆 → zhongqing, chongqing, …), so
// that a planner's search finds the name however the dictionary ranks its
// readings. Characters that are not Chinese are left out.
func namePinyin(zh string) (full, initials []string) {
	a := pinyin.NewArgs()
	a.Heteronym = true
	readings := pinyin.Pinyin(zh, a)
	if len(readings) == 0 {
		return nil, nil
	}
	join := func(pick func(i int) string) (string, string) {
		var f, in strings.Builder
		for i := range readings {
			s := pick(i)
			f.WriteString(s)
			in.WriteByte(s[0])
		}
		return f.String(), in.String()
	}
	seen := map[string]bool{}
	add := func(f, in string) {
		if !seen[f] && len(full) < maxPinyinVariants {
			seen[f] = true
			full = append(full, f)
			if !contains(initials, in) {
				initials = append(initials, in)
			}
		}
	}
	add(join(func(i int) string { return readings[i][0] }))
	for i, r := range readings {
		for _, alt := range r[1:] {
			add(join(func(j int) string {
				if j == i {
					return alt
				}
				return readings[j][0]
			}))
		}
	}
	return full, initials
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
