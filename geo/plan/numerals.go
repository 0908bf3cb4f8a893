package plan

import "strings"

var numeralDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// NumeralValue returns the value of a Chinese numeral from 一 to 九百九十九
// as documents number their parts, clauses and articles (十一, 二十, 一百零三,
// 一百一十), and false when s is not such a numeral.
func NumeralValue(s string) (int, bool) {
	r := []rune(s)
	if len(r) == 0 {
		return 0, false
	}
	total, cur, last := 0, -1, 1000
	for i, c := range r {
		switch c {
		case '百', '十':
			unit := 100
			if c == '十' {
				unit = 10
			}
			if unit >= last {
				return 0, false
			}
			switch {
			case cur < 0 && c == '十' && i == 0:
				cur = 1 // 十一: the one of ten is left out
			case cur <= 0:
				return 0, false
			}
			total += cur * unit
			cur, last = -1, unit
		default:
			d, ok := numeralDigits[c]
			if !ok || cur >= 0 {
				return 0, false
			}
			if d == 0 {
				// 一百零三: a zero only between 百 and a digit.
				if last != 100 || i+1 >= len(r) {
					return 0, false
				}
				continue
			}
			cur = d
		}
	}
	if cur > 0 {
		total += cur
	}
	if total == 0 || (cur > 0 && last == 1) {
		return 0, false
	}
	if Numeral(total) != s && Numeral(total) != strings.ReplaceAll(s, "两", "二") {
		return 0, false // "二十十", "一十一": not how a number is written
	}
	return total, true
}

// Numeral writes n (1 ≤ n ≤ 999) as a Chinese numeral: 1 → 一, 11 → 十一,
// 31 → 三十一, 103 → 一百零三, 110 → 一百一十.
func Numeral(n int) string {
	if n < 1 || n > 999 {
		return ""
	}
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	var b strings.Builder
	h, t, u := n/100, n/10%10, n%10
	if h > 0 {
		b.WriteString(digits[h] + "百")
		switch {
		case t > 0:
			b.WriteString(digits[t] + "十")
		case u > 0:
			b.WriteString("零")
		}
	} else if t > 0 {
		if t > 1 {
			b.WriteString(digits[t])
		}
		b.WriteString("十")
	}
	b.WriteString(digits[u])
	return b.String()
}
