package app

import (
	"fmt"
	"io"
	"os"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/plan"
)

// SaveScene keeps what the map shows now as one of the planner's scenes:
// SceneManager makes, imports, exports and manages the planner's own
// scenes (their list lives in State).
type SceneManager struct{ at *Atlas }

// layers, stage filter, selection and area, with a name and a note.
// In the edit mode the scene goes into the plan's package instead, so that
// it travels with the plan, captioned by the clauses of what it shows.
func (sx *SceneManager) SaveScene(name, note string) plan.Scene {
	at := sx.at
	s := at.State.SceneFromView(name, note, at.Map.View().Bound())
	if at.Editor.On {
		if ps, ok := at.Editor.AddScene(s); ok {
			return ps
		}
	}
	at.State.SetOwnScenes(append(at.State.OwnScenes(), s))
	own := at.State.OwnScenes()
	return own[len(own)-1]
}

// ShowSaveScene asks for the new scene's name and note.
func (sx *SceneManager) ShowSaveScene() {
	at := sx.at
	l := at.Lang()
	name, note := widget.NewEntry(), widget.NewMultiLineEntry()
	name.Validator = func(s string) error {
		if s == "" {
			return fmt.Errorf("%s", tr(l, "sceneNeedsName"))
		}
		return nil
	}
	d := dialog.NewForm(tr(l, "saveScene"), tr(l, "save"), tr(l, "cancel"),
		[]*widget.FormItem{widget.NewFormItem(tr(l, "sceneName"), name), widget.NewFormItem(tr(l, "sceneNote"), note)},
		func(ok bool) {
			if ok {
				at.OwnScenes.SaveScene(name.Text, note.Text)
				at.Status.Say(fmt.Sprintf(tr(l, "sceneSaved"), name.Text))
			}
		}, at.Win)
	d.Resize(fyne.NewSize(480, 260))
	d.Show()
	at.Win.Canvas().Focus(name)
}

// ExportOwnScenes writes the planner's scenes to a file a colleague can import.
func (sx *SceneManager) ExportOwnScenes(path string) error {
	at := sx.at
	b, err := plan.MarshalOwnScenes(at.State.OwnScenes())
	if err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// ImportOwnScenes adds the scenes of a file after the planner's own, and
// returns how many came and how many highlighted features were dropped.
func (sx *SceneManager) ImportOwnScenes(path string) (added, dropped int, err error) {
	at := sx.at
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	ss, dropped, err := at.Plan.ParseOwnScenes(b)
	if err != nil {
		return 0, 0, err
	}
	for i := range ss {
		ss[i].ID = "" // numbered after the planner's own
	}
	at.State.SetOwnScenes(append(at.State.OwnScenes(), ss...))
	return len(ss), dropped, nil
}

// ShowManageScenes lists the scenes: the built-in ones (read-only, can be
// copied) and the planner's own (move, rename, edit the note, delete), with
// import and export of the planner's own.
func (sx *SceneManager) ShowManageScenes() {
	at := sx.at
	l := at.Lang()
	box := container.NewVBox()
	var rebuild func()
	edit := func(i int, s plan.Scene) {
		name, note := widget.NewEntry(), widget.NewMultiLineEntry()
		name.SetText(s.NameZh)
		note.SetText(s.Note)
		d := dialog.NewForm(tr(l, "editScene"), tr(l, "save"), tr(l, "cancel"),
			[]*widget.FormItem{widget.NewFormItem(tr(l, "sceneName"), name), widget.NewFormItem(tr(l, "sceneNote"), note)},
			func(ok bool) {
				if !ok || name.Text == "" {
					return
				}
				own := at.State.OwnScenes()
				own[i].NameZh, own[i].NameEn, own[i].Note = name.Text, name.Text, note.Text
				at.State.SetOwnScenes(own)
				rebuild()
			}, at.Win)
		d.Resize(fyne.NewSize(460, 240))
		d.Show()
	}
	rebuild = func() {
		box.Objects = nil
		box.Add(widget.NewLabelWithStyle(tr(l, "builtInScenes"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, s := range at.Plan.Scenes {
			s := s
			cp := widget.NewButtonWithIcon(tr(l, "copyScene"), theme.ContentCopyIcon(), func() {
				c := s
				c.ID, c.Own = "", true
				c.NameZh, c.NameEn = s.NameZh+tr("zh", "copySuffix"), s.NameEn+tr("en", "copySuffix")
				at.State.SetOwnScenes(append(at.State.OwnScenes(), c))
				rebuild()
			})
			box.Add(container.NewBorder(nil, nil, nil, cp, widget.NewLabel(s.Name(l))))
		}
		box.Add(widget.NewSeparator())
		box.Add(widget.NewLabelWithStyle(tr(l, "ownScenes"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		own := at.State.OwnScenes()
		if len(own) == 0 {
			box.Add(widget.NewLabel(tr(l, "noOwnScenes")))
		}
		for i, s := range own {
			i, s := i, s
			move := func(d int) func() {
				return func() {
					o := at.State.OwnScenes()
					if j := i + d; j >= 0 && j < len(o) {
						o[i], o[j] = o[j], o[i]
						at.State.SetOwnScenes(o)
						rebuild()
					}
				}
			}
			up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), move(-1))
			down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), move(1))
			ed := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { edit(i, s) })
			del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
				dialog.ShowConfirm(tr(l, "deleteScene"), fmt.Sprintf(tr(l, "deleteSceneAsk"), s.Name(l)), func(ok bool) {
					if ok {
						at.State.SetOwnScenes(slices.Delete(at.State.OwnScenes(), i, i+1))
						rebuild()
					}
				}, at.Win)
			})
			label := s.Name(l)
			if s.Note != "" {
				label += " — " + s.Note
			}
			lbl := widget.NewLabel(label)
			lbl.Truncation = fyne.TextTruncateEllipsis
			box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(up, down, ed, del), lbl))
		}
		box.Refresh()
	}
	rebuild()
	imp := widget.NewButton(tr(l, "importScenes"), func() {
		at.Dialogs.pickOpen([]string{".json"}, func(path string) {
			n, dropped, err := at.OwnScenes.ImportOwnScenes(path)
			if err != nil {
				at.Dialogs.showError(fmt.Sprintf(tr(l, "importScenesFailed"), err))
				return
			}
			msg := fmt.Sprintf(tr(l, "scenesImported"), n)
			if dropped > 0 {
				msg += fmt.Sprintf(tr(l, "scenesDropped"), dropped)
			}
			at.Status.Say(msg)
			rebuild()
		})
	})
	exp := widget.NewButton(tr(l, "exportScenes"), func() {
		at.Dialogs.pickSave("我的场景.planatlas-scenes.json", func(path string) {
			if err := at.OwnScenes.ExportOwnScenes(path); err != nil {
				at.Dialogs.showError(fmt.Sprintf(tr(l, "exportFailed"), err))
				return
			}
			at.Status.Say(fmt.Sprintf(tr(l, "exportDone"), path))
		})
	})
	save := widget.NewButton(tr(l, "saveScene"), func() { at.OwnScenes.ShowSaveScene() })
	content := container.NewBorder(nil, container.NewHBox(save, imp, exp), nil, nil, container.NewVScroll(box))
	d := dialog.NewCustom(tr(l, "manageScenes"), tr(l, "close"), content, at.Win)
	d.Resize(fyne.NewSize(560, 520))
	d.Show()
}
