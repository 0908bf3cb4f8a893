package app

// noDisplay says, on Linux and the BSDs, that there is no graphical
// session to open a window in (neither X11 nor Wayland), which GLFW would
// otherwise meet with a panic and a stack trace. Windows and macOS always
// have one.
func noDisplay(goos string, getenv func(string) string) bool {
	switch goos {
	case "windows", "darwin", "ios", "android":
		return false
	}
	return getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == ""
}

// noDisplayMessage is what a planner or a new developer reads instead.
const noDisplayMessage = "planatlas: no display was found (DISPLAY and WAYLAND_DISPLAY are unset): run it in a desktop session, or under a virtual one with `xvfb-run -a go run .`; the command line works without one (`planatlas help`) / 未找到图形显示环境：请在桌面会话中运行，或用 `xvfb-run -a go run .`"
