package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// shortcut is the platform's command key (⌘ on macOS, Ctrl elsewhere) with key.
func shortcut(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// undoRedo undoes or redoes the typing in a focused text box, and
// otherwise the annotations. The menu's items carry Fyne's own undo and
// redo shortcuts, which the window gives the menu before any widget; a
// custom Ctrl+Z never matched the key the driver reports as "Undo", so the
// Menus builds the window's menu and the keyboard help.
type Menus struct{ at *Atlas }

// annotations' undo had no working key.
func (mx *Menus) undoRedo(sc fyne.Shortcut, annotations func() bool) {
	at := mx.at
	if e, ok := at.Win.Canvas().Focused().(interface {
		fyne.Shortcutable
		SelectedText() string
	}); ok {
		e.TypedShortcut(sc)
		return
	}
	annotations()
}

// mainMenu is the window's menu in the interface language: File, View,
// Present and Help, with the platform's accelerators.
func (mx *Menus) mainMenu() *fyne.MainMenu {
	at := mx.at
	l := at.Lang()
	item := func(key string, action func(), sc fyne.Shortcut) *fyne.MenuItem {
		it := fyne.NewMenuItem(tr(l, key), action)
		it.Shortcut = sc
		return it
	}
	quit := item("quit", func() { at.App.Quit() }, shortcut(fyne.KeyQ))
	quit.IsQuit = true
	file := fyne.NewMenu(tr(l, "menuFile"),
		item("openPlan", at.Plans.ShowOpen, nil),
		at.Menu.recentPlansItem(),
		item("newPlan", at.Plans.ShowNewPlan, nil),
		fyne.NewMenuItemSeparator(),
		item("openLayer", at.Overlays.ShowOpen, shortcut(fyne.KeyO)),
		item("openBasemapMenu", at.Basemaps.ShowAdd, nil),
		item("export", at.Exporter.ShowExport, shortcut(fyne.KeyE)),
		item("exportPage", at.Exporter.ShowExportPage, nil),
		item("exportData", at.Exporter.ShowExportData, nil),
		item("progressReport", at.Progress.showProgressReport, nil),
		fyne.NewMenuItemSeparator(),
		quit)
	legend := item("legend", func() { at.State.SetLegend(!at.State.Legend()) }, shortcut(fyne.KeyL))
	legend.Checked = at.State.Legend()
	dark := item("dark", func() {
		if at.State.Theme() == "dark" {
			at.State.SetTheme("light")
		} else {
			at.State.SetTheme("dark")
		}
	}, nil)
	dark.Checked = at.State.Theme() == "dark"
	lang := item("otherLang", func() {
		if at.Lang() == "en" {
			at.State.SetLang("zh")
		} else {
			at.State.SetLang("en")
		}
	}, nil)
	// In the edit mode, undo and redo step through the plan's edits.
	undo := func() bool {
		if at.Editor.On && at.Editor.CanUndo() {
			at.Editor.Undo()
			return true
		}
		return at.State.UndoAnnotation()
	}
	redo := func() bool {
		if at.Editor.On && at.Editor.CanRedo() {
			at.Editor.Redo()
			return true
		}
		return at.State.RedoAnnotation()
	}
	editMode := item("editMode", func() { at.Editor.SetMode(!at.Editor.On) }, nil)
	editMode.Checked = at.Editor.On
	edit := fyne.NewMenu(tr(l, "menuEdit"),
		item("undo", func() { at.Menu.undoRedo(&fyne.ShortcutUndo{}, undo) }, &fyne.ShortcutUndo{}),
		item("redo", func() { at.Menu.undoRedo(&fyne.ShortcutRedo{}, redo) }, &fyne.ShortcutRedo{}),
		fyne.NewMenuItemSeparator(),
		editMode,
		item("newFeatureMenu", at.Editor.ShowNewFromText, nil),
		item("compareMenu", at.Editor.ShowCompare, nil),
		item("exportChangesMenu", at.Editor.ShowExportChanges, nil),
		fyne.NewMenuItemSeparator(),
		item("annotations", at.Annotate.StartAnnotate, shortcut(fyne.KeyD)),
		item("annotImportMenu", at.Annotate.showAnnotImport, nil),
		item("annotExportMenu", at.Annotate.showAnnotExport, nil))
	view := fyne.NewMenu(tr(l, "menuView"),
		item("home", at.Home, nil),
		item("zoomIn", func() { at.Map.Zoom(2) }, shortcut(fyne.KeyEqual)),
		item("zoomOut", func() { at.Map.Zoom(0.5) }, shortcut(fyne.KeyMinus)),
		fyne.NewMenuItemSeparator(),
		item("measure", at.Measure.StartMeasure, shortcut(fyne.KeyM)),
		item("goTo", at.Locator.ShowGoTo, shortcut(fyne.KeyG)),
		fyne.NewMenuItemSeparator(),
		legend, dark, lang)
	present := fyne.NewMenu(tr(l, "present"),
		item("presentStart", at.Presentation.Present, nil),
		item("presentProgress", at.Presentation.PresentProgress, nil),
		fyne.NewMenuItemSeparator(),
		item("saveSceneMenu", at.OwnScenes.ShowSaveScene, nil),
		item("manageScenesMenu", at.OwnScenes.ShowManageScenes, nil))
	help := fyne.NewMenu(tr(l, "menuHelp"),
		item("keys", at.Menu.ShowKeys, nil),
		item("about", at.Dialogs.ShowAbout, nil))
	return fyne.NewMainMenu(file, edit, view, present, help)
}

// keyHelp lists the keyboard: each row a key and what it does.
var keyHelp = [][3]string{
	{"F5", "开始或结束演示", "start or end the presentation"},
	{"→ / PageDown / 空格", "演示：下一个场景", "presenting: next scene"},
	{"← / PageUp", "演示：上一个场景", "presenting: previous scene"},
	{"1 … 9, Home, End", "演示：跳到场景", "presenting: go to a scene"},
	{"B / .", "演示：黑屏，再按恢复", "presenting: black screen, again to return"},
	{"L", "演示：简要图例开关", "presenting: compact legend on or off"},
	{"Esc", "关闭引文；再按退出演示", "close the quote; again to leave"},
	{"+ / −", "放大 / 缩小", "zoom in / out"},
	{"← → ↑ ↓", "平移地图", "pan the map"},
	{"Home", "显示全市", "show the whole city"},
	{"Ctrl/⌘ + O", "打开图层", "open a layer"},
	{"Ctrl/⌘ + E", "导出地图", "export the map"},
	{"Ctrl/⌘ + L", "图例开关", "legend on or off"},
	{"Ctrl/⌘ + M", "测量距离和面积（右键、双击或 Esc 结束）", "measure a distance and an area (right-click, double-click or Esc ends)"},
	{"Ctrl/⌘ + G", "定位到坐标", "go to a coordinate"},
	{"Ctrl/⌘ + D", "批注：画笔、箭头、形状、文字、图钉", "annotate: pen, arrows, shapes, text, pins"},
	{"Ctrl/⌘ + Z / Y", "撤销 / 重做批注", "undo / redo an annotation"},
	{"Delete", "删除所选批注", "delete the selected annotation"},
	{"P", "演示：画笔开关（Esc 结束）", "presenting: pen on or off (Esc ends)"},
	{"Ctrl/⌘ + Q", "退出", "quit"},
}

// ShowKeys lists the keyboard shortcuts.
func (mx *Menus) ShowKeys() {
	at := mx.at
	l := at.Lang()
	grid := container.NewGridWithColumns(2)
	for _, k := range keyHelp {
		what := k[1]
		if l == "en" {
			what = k[2]
		}
		grid.Add(widget.NewLabelWithStyle(k[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(what))
	}
	d := dialog.NewCustom(tr(l, "keys"), tr(l, "ok"), container.NewVScroll(grid), at.Win)
	d.Resize(fyne.NewSize(620, 520))
	d.Show()
}

// recentPlansItem is the File menu's list of plans: the built-in one, then
// those opened lately, the open one ticked.
func (mx *Menus) recentPlansItem() *fyne.MenuItem {
	at := mx.at
	l := at.Lang()
	builtIn := fyne.NewMenuItem(tr(l, "builtInPlan")+colon(tr(l, "builtInPlan"))+at.Plans.BuiltInName(l), at.Plans.OpenBuiltIn)
	builtIn.Checked = at.PlanPath == ""
	items := []*fyne.MenuItem{builtIn}
	for _, path := range at.Plans.Recent() {
		it := fyne.NewMenuItem(filepath.Base(path)+"  ("+filepath.Dir(path)+")", func() { at.Plans.Open(path) })
		it.Checked = path == at.PlanPath
		items = append(items, it)
	}
	recent := fyne.NewMenuItem(tr(l, "recentPlans"), nil)
	recent.ChildMenu = fyne.NewMenu("", items...)
	return recent
}
