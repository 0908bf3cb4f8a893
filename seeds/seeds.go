// Package seeds embeds the planning documents that Plan Atlas maps, byte for
// byte as published.
package seeds

import _ "embed"

// BazhongDecision is the Bazhong municipal decision of 29 July 2020 on
// speeding up integration into the Chengdu–Chongqing economic circle
// (中共巴中市委关于加快融入成渝地区双城经济圈建设的决定), verbatim.
//
//go:embed bazhong-2020-07-29-chengyu-decision.txt
var BazhongDecision string

// BazhongDecisionFile is the file name of BazhongDecision inside this package.
const BazhongDecisionFile = "bazhong-2020-07-29-chengyu-decision.txt"
