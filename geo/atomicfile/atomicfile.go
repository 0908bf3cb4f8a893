// Package formats reads and writes the files Plan Atlas exchanges with other
// tools, and writes every file atomically.
// Package atomicfile writes files whole or not at all: to a temporary
// file beside the target, synced, then renamed over it, so a crash or a
// full disk never leaves a half-written map, plan or work file.
package atomicfile

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// WriteProblem is why a file cannot be written: a fact that WriteError
// words in each language (messages.go).
type WriteProblem int

// The reasons a file cannot be written.
const (
	WriteFailed       WriteProblem = iota // the system's own words, in WriteError.Err
	WriteBadName                          // the file name holds a character no file name may hold
	WriteNoFolder                         // the folder does not exist
	WriteNotFolder                        // the folder is a file
	WriteNoPermission                     // no permission to write in the folder
	WriteReadOnly                         // the folder cannot hold files (a read-only or system location)
	WriteDiskFull                         // the disk is full
)

// WriteError says why path could not be written, and in which folder.
type WriteError struct {
	Path    string
	Name    string // the file name as typed, when it is the problem
	Problem WriteProblem
	Err     error
}

func (e *WriteError) Error() string { return e.Message("en") }

// Unwrap returns the system's error.
func (e *WriteError) Unwrap() error { return e.Err }

// badNameChars cannot stand in a file name on Windows, macOS or Linux.
const badNameChars = `/\:*?"<>|`

// CheckWritable says, before anything is drawn, whether a file can be
// written at path: a name without separators or reserved characters, in
// a folder that exists and takes new files.
func CheckWritable(path string) error {
	if err := CheckFileName(filepath.Dir(path), filepath.Base(path)); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return &WriteError{Path: path, Problem: WriteNoFolder, Err: err}
	case err != nil:
		return writeError(path, err)
	case !st.IsDir():
		return &WriteError{Path: path, Problem: WriteNotFolder}
	}
	f, err := os.CreateTemp(dir, ".planatlas-check-*")
	if err != nil {
		return writeError(path, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// CheckFileName says whether name, as typed, can name a file in dir: not
// empty, and without a folder separator or a character Windows reserves.
func CheckFileName(dir, name string) error {
	if strings.ContainsAny(name, badNameChars) || strings.TrimSpace(name) == "" {
		return &WriteError{Path: filepath.Join(dir, name), Name: name, Problem: WriteBadName}
	}
	return nil
}

// writeError names why writing path failed with err; the folder is known
// to exist when the error says a file is missing there.
func writeError(path string, err error) *WriteError {
	p := WriteFailed
	switch {
	case errors.Is(err, os.ErrPermission):
		p = WriteNoPermission
	case errors.Is(err, syscall.ENOSPC):
		p = WriteDiskFull
	case errors.Is(err, syscall.EROFS):
		p = WriteReadOnly
	case errors.Is(err, os.ErrNotExist):
		if st, e := os.Stat(filepath.Dir(path)); e == nil && st.IsDir() {
			p = WriteReadOnly // the folder is there but files cannot be made in it (/proc, say)
		} else {
			p = WriteNoFolder
		}
	}
	return &WriteError{Path: path, Problem: p, Err: err}
}

// Write writes a file through write, into a temporary file in the same
// folder that is renamed over path only when write and the flush to disk
// succeed. On any failure the temporary file is removed and an existing file
// at path is left as it was.
func Write(path string, write func(w io.Writer) error) (err error) {
	if err := CheckWritable(path); err != nil {
		return err
	}
	sweepStale(path)
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return writeError(path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return writeError(path, err)
	}
	if err = tmp.Close(); err != nil {
		return writeError(path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return writeError(path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return writeError(path, err)
	}
	syncDir(dir)
	return nil
}

// WriteDatabase writes an SQLite database (a GeoPackage, a plan
// package) through write, into a temporary file in the same folder that is
// closed and renamed over path only when write succeeds; on any failure
// the temporary file is removed and an existing file at path is kept.
func WriteDatabase(path string, write func(db *sql.DB) error) (err error) {
	if err := CheckWritable(path); err != nil {
		return err
	}
	sweepStale(path)
	dir := filepath.Dir(path)
	tmpf, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return writeError(path, err)
	}
	tmp := tmpf.Name()
	tmpf.Close()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(tmp))
	if err != nil {
		return err
	}
	if err = write(db); err != nil {
		db.Close()
		return err
	}
	if err = db.Close(); err != nil {
		return writeError(path, err)
	}
	// On disk before it takes the old file's place: a power cut after the
	// rename must not find a file the disk had not written yet.
	if f, e := os.OpenFile(tmp, os.O_RDWR, 0); e == nil {
		err = f.Sync()
		f.Close()
		if err != nil {
			return writeError(path, err)
		}
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return writeError(path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return writeError(path, err)
	}
	syncDir(dir)
	return nil
}

// staleAfter is how old a temporary file of an atomic write must be to be
// taken for one a crash or a kill left behind.
const staleAfter = 2 * time.Minute

// sweepStale removes what writes of path that never finished (the process
// killed, the power cut) left beside it: its temporary files and their
// journals, once they are older than any write still under way.
func sweepStale(path string) {
	pattern := filepath.Join(filepath.Dir(path), "."+globEscape(filepath.Base(path))+".*.tmp*")
	names, _ := filepath.Glob(pattern)
	for _, n := range names {
		if st, err := os.Stat(n); err == nil && !st.IsDir() && time.Since(st.ModTime()) > staleAfter {
			os.Remove(n)
		}
	}
}

// globEscape escapes the characters filepath.Match reads as a pattern.
func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	if filepath.Separator == '\\' {
		r = strings.NewReplacer(`*`, `[*]`, `?`, `[?]`, `[`, `[[]`)
	}
	return r.Replace(s)
}

// syncDir flushes a folder's entries (a rename) to disk where the system
// allows it; where it does not (Windows), the rename is durable already.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// WriteFile writes data to path atomically (see WriteAtomic).
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Message says in lang ("zh" or "en") why the file could not be written.
func (e *WriteError) Message(lang string) string {
	name, dir := filepath.Base(e.Path), filepath.Dir(e.Path)
	if e.Name != "" {
		name = e.Name
	}
	detail := ""
	if e.Err != nil {
		detail = e.Err.Error()
	}
	zh := lang == "zh"
	switch e.Problem {
	case WriteBadName:
		if zh {
			return fmt.Sprintf("文件名“%s”含有文件名中不能使用的字符（%s）", name, badNameChars)
		}
		return fmt.Sprintf("the file name %q holds a character file names cannot have (%s)", name, badNameChars)
	case WriteNoFolder:
		if zh {
			return "文件夹不存在：" + dir
		}
		return "the folder does not exist: " + dir
	case WriteNotFolder:
		if zh {
			return dir + " 不是文件夹"
		}
		return dir + " is not a folder"
	case WriteNoPermission:
		if zh {
			return "没有写入该文件夹的权限：" + dir
		}
		return "no permission to write in " + dir
	case WriteReadOnly:
		if zh {
			return "该位置不能保存文件（只读或系统位置）：" + dir
		}
		return "files cannot be saved there (a read-only or system location): " + dir
	case WriteDiskFull:
		if zh {
			return "磁盘已满，无法写入 " + name
		}
		return "the disk is full: cannot write " + name
	}
	if zh {
		return summary("无法写入 "+name, detail)
	}
	return "cannot write " + name + ": " + detail
}

// summary is a Chinese sentence with its detail in brackets.
func summary(zh, detail string) string {
	if detail == "" {
		return zh
	}
	return zh + "（" + detail + "）"
}
