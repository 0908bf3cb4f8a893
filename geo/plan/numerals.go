package plan

import "strings"

var numeralDigits = map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// NumeralValue returns the value of a Chinese numeral from 一 to 九十九 as
// used to number the parts and clauses of a decision, and false when s is
// not such a numeral.
func NumeralValue(s string) (int, bool) {
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10, true
	case len(r) == 1:
		d, ok := numeralDigits[r[0]]
		return d, ok
	case len(r) == 2 && r[0] == '十':
		d, ok := numeralDigits[r[1]]
		return 10 + d, ok
	case len(r) == 2 && r[1] == '十':
		d, ok := numeralDigits[r[0]]
		return d * 10, ok && d > 1
	case len(r) == 3 && r[1] == '十':
		t, ok1 := numeralDigits[r[0]]
		d, ok2 := numeralDigits[r[2]]
		return t*10 + d, ok1 && ok2 && t > 1
	}
	return 0, false
}

// Numeral writes n (1 ≤ n ≤ 99) as a Chinese numeral: 1 → 一, 11 → 十一, 31 → 三十一.
func Numeral(n int) string {
	if n < 1 || n > 99 {
		return ""
	}
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	var b strings.Builder
	if t := n / 10; t > 0 {
		if t > 1 {
			b.WriteString(digits[t])
		}
		b.WriteString("十")
	}
	b.WriteString(digits[n%10])
	return b.String()
}
