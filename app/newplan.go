package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/assets"
	"github.com/planatlas/planatlas/geo/admin"
	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
)

// NewPlanWizard makes a plan from a document (文件 → 新建规划): the planner
// opens a .txt, .docx or .html file or pastes the text, reviews the
// structure found (parts, chapters, sections, articles — the text can be
// corrected in place and is read again), checks the title, issuer and
// date read from it, chooses the area the plan covers by name, and saves
// the package; the window then opens it, in the edit mode, to link the
// text to the map.
type NewPlanWizard struct {
	at        *Atlas
	text      *widget.Entry
	structure *widget.Label
	title     *widget.Entry
	issuer    *widget.Entry
	adopted   *widget.Entry
	area      *widget.Entry
	results   *widget.RadioGroup
	chosen    *admin.Unit
	found     []*admin.Unit
	problem   *widget.Label
	divisions *admin.Divisions
	doc       *plan.Document
	// Saved is the package written by the last Save (tests read it).
	Saved string
}

// ShowNewPlan opens the wizard.
func (ps *Plans) ShowNewPlan() {
	w := ps.NewPlanWizard()
	w.show()
}

// NewPlanWizard builds the wizard's widgets without showing them.
func (ps *Plans) NewPlanWizard() *NewPlanWizard {
	at := ps.at
	l := at.Lang()
	w := &NewPlanWizard{at: at}
	w.text = widget.NewMultiLineEntry()
	w.text.Wrapping = fyne.TextWrapWord
	w.text.SetMinRowsVisible(12)
	w.text.SetPlaceHolder(tr(l, "newPlanPaste"))
	w.structure = widget.NewLabel("")
	w.structure.Wrapping = fyne.TextWrapWord
	w.title, w.issuer, w.adopted = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	w.adopted.SetPlaceHolder("YYYY-MM-DD")
	w.area = widget.NewEntry()
	w.area.SetPlaceHolder(tr(l, "newPlanAreaHint"))
	w.results = widget.NewRadioGroup(nil, func(s string) {
		w.chosen = nil
		for i, o := range w.results.Options {
			if o == s && i < len(w.found) {
				w.chosen = w.found[i]
			}
		}
	})
	w.problem = widget.NewLabel("")
	w.problem.Importance = widget.DangerImportance
	w.problem.Wrapping = fyne.TextWrapWord
	w.problem.Hide()
	w.text.OnChanged = func(string) { w.read(false) }
	w.area.OnChanged = w.findArea
	return w
}

// SetText puts a document's text in the wizard and reads it, filling the
// title, issuer and date from it.
func (w *NewPlanWizard) SetText(s string) {
	w.text.SetText(s)
	w.read(true)
}

// read parses the text and shows the structure found; fill puts the
// document's own title, issuer and date in their boxes.
func (w *NewPlanWizard) read(fill bool) {
	l := w.at.Lang()
	var doc *plan.Document
	var err error
	// The text is anyone's: a fault reading it is said, never raised.
	if perr := guard.Run(func() { doc, err = plan.Parse(w.text.Text) }); perr != nil {
		err = perr
	}
	if err != nil {
		w.doc = nil
		w.structure.SetText(fmt.Sprintf(tr(l, "newPlanNoStructure"), err))
		return
	}
	w.doc = doc
	var b strings.Builder
	fmt.Fprintf(&b, tr(l, "newPlanFound"), layoutName(l, doc.Layout), len(doc.Parts), len(doc.Clauses))
	doc.Walk(func(pt *plan.Part) { b.WriteString("\n" + pt.Label + " " + pt.Title) },
		func(_ *plan.Part, section string, c *plan.Clause) {
			if section != "" {
				b.WriteString("\n    " + section)
			}
			b.WriteString("\n    " + clip(c.Label+" "+c.Title, 30))
		})
	w.structure.SetText(b.String())
	if fill {
		f := planpkg.Facts(doc)
		for _, set := range []struct {
			e *widget.Entry
			v string
		}{{w.title, f.Title}, {w.issuer, f.Issuer}, {w.adopted, f.Adopted}} {
			if set.v != "" {
				set.e.SetText(set.v)
			}
		}
	}
}

func layoutName(l, layout string) string { return tr(l, "layout_"+layout) }

// findArea lists the divisions whose name holds what was typed.
func (w *NewPlanWizard) findArea(q string) {
	if w.divisions == nil {
		d, err := admin.Load(bytes.NewReader(assets.ChinaAdmin))
		if err != nil {
			w.at.internalFault(err)
			return
		}
		w.divisions = d
	}
	w.found = w.divisions.Find(q, 12)
	var opts []string
	for _, u := range w.found {
		opts = append(opts, w.divisions.Path(u))
	}
	w.results.Options = opts
	w.results.Selected = ""
	w.chosen = nil
	if len(opts) > 0 {
		w.results.SetSelected(opts[0])
	}
	w.results.Refresh()
}

// Open reads a document file into the wizard.
func (w *NewPlanWizard) Open(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var text string
	if perr := guard.Run(func() { text, err = planpkg.ReadDocument(filepath.Base(path), b) }); perr != nil {
		return perr
	}
	if err != nil {
		return err
	}
	w.SetText(text)
	return nil
}

// Build makes the plan the wizard describes, or says what is missing.
func (w *NewPlanWizard) Build() (*plan.Plan, error) {
	l := w.at.Lang()
	switch {
	case w.doc == nil:
		return nil, fmt.Errorf("%s", tr(l, "newPlanNeedsText"))
	case strings.TrimSpace(w.title.Text) == "":
		return nil, fmt.Errorf("%s", tr(l, "newPlanNeedsTitle"))
	case !plan.ValidDate(strings.TrimSpace(w.adopted.Text)) || len(strings.TrimSpace(w.adopted.Text)) != 10:
		return nil, fmt.Errorf("%s", tr(l, "newPlanNeedsDate"))
	case w.chosen == nil:
		return nil, fmt.Errorf("%s", tr(l, "newPlanNeedsArea"))
	}
	info := plan.Info{Title: plan.Text{Zh: strings.TrimSpace(w.title.Text)}, Issuer: plan.Text{Zh: strings.TrimSpace(w.issuer.Text)},
		Adopted: strings.TrimSpace(w.adopted.Text)}
	p, problems, err := planpkg.New(w.text.Text, info, w.chosen, w.divisions.Children(w.chosen), w.divisions.Neighbours(w.chosen, 0.01))
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, problems[0]
	}
	return p, nil
}

// Save writes the plan to path and opens it in the edit mode.
func (w *NewPlanWizard) Save(path string) error {
	p, err := w.Build()
	if err != nil {
		return err
	}
	if err := planpkg.Write(path, p); err != nil {
		return err
	}
	w.Saved = path
	at := w.at
	next := at.Plans.Switch(p, path)
	next.Editor.SetMode(true)
	return nil
}

func (w *NewPlanWizard) show() {
	at := w.at
	l := at.Lang()
	openBtn := widget.NewButton(tr(l, "newPlanOpen"), func() {
		at.Dialogs.pickOpen([]string{".txt", ".docx", ".html", ".htm"}, func(path string) {
			if err := w.Open(path); err != nil {
				w.say(err)
			}
		})
	})
	form := widget.NewForm(widget.NewFormItem(tr(l, "newPlanTitle"), w.title), widget.NewFormItem(tr(l, "newPlanIssuer"), w.issuer),
		widget.NewFormItem(tr(l, "newPlanAdopted"), w.adopted), widget.NewFormItem(tr(l, "newPlanArea"), w.area))
	left := container.NewBorder(container.NewHBox(openBtn), nil, nil, nil, w.text)
	right := container.NewVScroll(w.structure)
	split := container.NewHSplit(left, right)
	split.Offset = 0.6
	body := container.NewBorder(nil, container.NewVBox(form, container.NewVScroll(w.results), w.problem), nil, nil, split)
	var d *dialog.CustomDialog
	save := widget.NewButton(tr(l, "newPlanSave"), func() {
		if _, err := w.Build(); err != nil {
			w.say(err)
			return
		}
		at.Dialogs.pickSave(safeFileName(w.title.Text)+".gpkg", func(path string) {
			if err := w.Save(path); err != nil {
				w.say(err)
				return
			}
			d.Hide()
		})
	})
	save.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(tr(l, "newPlan"), body, at.Win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(tr(l, "cancel"), func() { d.Hide() }), save})
	d.Resize(fyne.NewSize(1000, 720))
	d.Show()
}

func (w *NewPlanWizard) say(err error) {
	w.problem.SetText(err.Error())
	w.problem.Show()
}

// safeFileName makes a title a file name: no characters a file system refuses.
func safeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < 32 {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" {
		s = "plan"
	}
	return clipRunes(s, 60)
}
