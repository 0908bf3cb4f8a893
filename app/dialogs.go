package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/plan"
)

// Dialogs worded wholly in the app's language: Fyne's own error, information
// and confirm dialogs take their title and buttons from the system locale,
// which on an English Windows would frame a Chinese message in English.

// Dialogs shows the app's messages, questions, progress and file
// choosers on its window, in the planner's language.
type Dialogs struct {
	at *Atlas
	// files are the file choosers on the window now, newest last: the
	// window's tests close them rather than wander the machine's disks.
	files []*dialog.FileDialog
}

// showFile shows a file chooser and keeps it in dx.files until it closes.
func (dx *Dialogs) showFile(d *dialog.FileDialog) {
	dx.files = append(dx.files, d)
	d.SetOnClosed(func() {
		for i, f := range dx.files {
			if f == d {
				dx.files = append(dx.files[:i], dx.files[i+1:]...)
				break
			}
		}
	})
	d.Show()
}

// showMessage shows msg under title with one button to close it.
func (dx *Dialogs) showMessage(title, msg string) {
	at := dx.at
	d := dialog.NewCustom(title, tr(at.Lang(), "ok"), messageLabel(msg), at.Win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// showError shows that something failed, and why.
func (dx *Dialogs) showError(msg string) { dx.at.Dialogs.showMessage(tr(dx.at.Lang(), "error"), msg) }

// showErrorDetails shows that something failed, and why, with technical
// detail (a library's words) folded away under "details".
func (dx *Dialogs) showErrorDetails(msg, details string) {
	at := dx.at
	l := at.Lang()
	tech := widget.NewLabel(details)
	tech.Wrapping = fyne.TextWrapWord
	tech.TextStyle.Monospace = true
	more := widget.NewAccordion(widget.NewAccordionItem(tr(l, "details"), tech))
	d := dialog.NewCustom(tr(l, "error"), tr(l, "ok"), container.NewVBox(messageLabel(msg), more), at.Win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// confirm asks a yes/no question; yes is the button's word for going on.
func (dx *Dialogs) confirm(title, question, yes string, onYes func()) {
	at := dx.at
	d := dialog.NewCustomConfirm(title, yes, tr(at.Lang(), "cancel"), messageLabel(question), func(ok bool) {
		if ok {
			onYes()
		}
	}, at.Win)
	d.Resize(fyne.NewSize(560, 0)) // room for a long path on a few lines
	d.Show()
}

func messageLabel(msg string) *widget.Label {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// progressAfter shows, if the work takes over half a second, a progress
// dialog titled title with lines of text above a busy bar and a cancel
// button that calls cancel. The returned function ends it: call it on the
// UI goroutine when the work is done (the dialog is hidden, or never shown).
func (dx *Dialogs) progressAfter(title string, cancel func(), lines ...fyne.CanvasObject) (end func()) {
	at := dx.at
	var prog dialog.Dialog
	ended := false
	time.AfterFunc(500*time.Millisecond, func() {
		at.do(func() {
			if ended {
				return
			}
			body := container.NewVBox(append(lines, widget.NewProgressBarInfinite())...)
			prog = dialog.NewCustom(title, tr(at.Lang(), "cancel"), body, at.Win)
			prog.SetOnClosed(cancel)
			prog.Show()
		})
	})
	return func() {
		ended = true
		if prog != nil {
			prog.Hide()
		}
	}
}

// progressBar shows a dialog titled title, saying text above a progress
// bar, with a Cancel button, for work the planner may stop. The work takes
// ctx (cancelled by the button) and calls step(done, total) from any
// goroutine; end, called on the UI goroutine when the work is over, hides
// the dialog (closing it then cancels nothing).
func (dx *Dialogs) progressBar(title, text string) (ctx context.Context, step func(done, total int), end func()) {
	at := dx.at
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	prog := dialog.NewCustom(title, tr(at.Lang(), "cancel"), container.NewVBox(messageLabel(text), bar), at.Win)
	prog.SetOnClosed(cancel)
	prog.Resize(fyne.NewSize(480, 0)) // room for the words on a line or two
	prog.Show()
	step = func(done, total int) {
		at.do(func() { bar.SetValue(float64(done) / float64(max(total, 1))) })
	}
	end = func() {
		prog.SetOnClosed(func() {}) // Fyne calls what is set, even nil
		prog.Hide()
		cancel()
	}
	return ctx, step, end
}

// pickOpen asks for a file to read (of the given extensions) and hands
// its path to then.
func (dx *Dialogs) pickOpen(exts []string, then func(path string)) {
	at := dx.at
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		then(path)
	}, at.Win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	dx.showFile(d)
}

// openInLastFolder makes a file-open dialog for files with exts that
// starts in the folder of the last file the planner opened and remembers
// the folder of the one she picks, which it hands to then.
func (dx *Dialogs) openInLastFolder(exts []string, then func(path string)) *dialog.FileDialog {
	at := dx.at
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		at.App.Preferences().SetString("open.dir", dirOf(path))
		then(path)
	}, at.Win)
	fd.SetFilter(storage.NewExtensionFileFilter(exts))
	if dir := at.App.Preferences().String("open.dir"); dir != "" {
		if u, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			fd.SetLocation(u)
		}
	}
	return fd
}

// pickSave asks where to write a file (named name at first) and hands the
// path to then.
func (dx *Dialogs) pickSave(name string, then func(path string)) {
	at := dx.at
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		then(path)
	}, at.Win)
	d.SetFileName(name)
	dx.showFile(d)
}

// ShowAbout shows the version, the open plan (its title, who adopted it
// and when, where it was published) and the sources and licences of its
// data and of what the app ships, each once.
func (dx *Dialogs) ShowAbout() {
	at := dx.at
	l := at.Lang()
	var b strings.Builder
	fmt.Fprintf(&b, tr(l, "aboutText"), at.Meta.Version)
	in := at.Plan.Info
	b.WriteString("\n\n" + tr(l, "aboutPlan") + colon(tr(l, "aboutPlan")) + in.Title.Or(l))
	if who := in.Issuer.Or(l); who != "" {
		b.WriteString(" · " + who)
	}
	b.WriteString(" · " + plan.FormatDate(in.Adopted, l) + "\n")
	if src := in.Source.String(); src != "" {
		b.WriteString(tr(l, "source") + colon(tr(l, "source")) + src + "\n")
	}
	b.WriteString("\n" + tr(l, "aboutSources") + "\n")
	said := map[string]bool{}
	for _, a := range in.Attribution {
		said[a.Or(l)] = true
		b.WriteString("• " + a.Or(l) + "\n")
	}
	for _, a := range aboutAttributions(l) {
		if !said[a] {
			b.WriteString("• " + a + "\n")
		}
	}
	lbl := widget.NewLabel(b.String())
	lbl.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(tr(l, "about"), tr(l, "ok"), container.NewVScroll(lbl), at.Win)
	d.Resize(fyne.NewSize(640, 460))
	d.Show()
}
