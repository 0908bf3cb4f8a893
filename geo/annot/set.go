package annot

import (
	"slices"
	"strconv"
)

// maxUndo bounds the undo history.
const maxUndo = 200

// Set is a planner's annotations with their undo history. It is not safe
// for concurrent use: its owner (the app's state) serialises access, and
// renders take copies (Items).
type Set struct {
	items      []Annotation
	undo, redo [][]Annotation
	next       int
}

// Items returns the annotations, oldest first (a copy; points shared, read
// only).
func (s *Set) Items() []Annotation { return slices.Clone(s.items) }

// Len is the number of annotations.
func (s *Set) Len() int { return len(s.items) }

// Get returns the annotation with the given id.
func (s *Set) Get(id string) (Annotation, bool) {
	if i := s.index(id); i >= 0 {
		return s.items[i], true
	}
	return Annotation{}, false
}

func (s *Set) index(id string) int {
	return slices.IndexFunc(s.items, func(a Annotation) bool { return a.ID == id })
}

// remember saves the present state for Undo and forgets what Redo had.
func (s *Set) remember() {
	s.undo = append(s.undo, slices.Clone(s.items))
	if len(s.undo) > maxUndo {
		s.undo = s.undo[len(s.undo)-maxUndo:]
	}
	s.redo = nil
}

// newID returns an id not used in the set.
func (s *Set) newID() string {
	for {
		s.next++
		id := "a" + strconv.Itoa(s.next)
		if s.index(id) < 0 {
			return id
		}
	}
}

// Add adds a, giving it an id when it has none or one already used, and
// returns the id. An annotation that cannot be drawn is refused.
func (s *Set) Add(a Annotation) (string, error) {
	if err := a.Valid(); err != nil {
		return "", err
	}
	if a.ID == "" || s.index(a.ID) >= 0 {
		a.ID = s.newID()
	}
	s.remember()
	s.items = append(s.items, a)
	return a.ID, nil
}

// Replace puts a in place of the annotation with its id (a move or an
// edit); it reports false when there is none.
func (s *Set) Replace(a Annotation) bool {
	i := s.index(a.ID)
	if i < 0 || a.Valid() != nil {
		return false
	}
	s.remember()
	s.items[i] = a
	return true
}

// Remove deletes the annotation with the given id.
func (s *Set) Remove(id string) bool {
	i := s.index(id)
	if i < 0 {
		return false
	}
	s.remember()
	s.items = slices.Delete(s.items, i, i+1)
	return true
}

// Clear deletes every annotation (undoable).
func (s *Set) Clear() {
	if len(s.items) == 0 {
		return
	}
	s.remember()
	s.items = nil
}

// Load replaces the annotations (from a saved or imported file) and
// starts the history afresh; invalid ones are skipped and counted.
func (s *Set) Load(as []Annotation) (skipped int) {
	s.items, s.undo, s.redo = nil, nil, nil
	for _, a := range as {
		if a.Valid() != nil {
			skipped++
			continue
		}
		if a.ID == "" || s.index(a.ID) >= 0 {
			a.ID = s.newID()
		}
		s.items = append(s.items, a)
	}
	return skipped
}

// Undo goes back one change; it reports false when there is none.
func (s *Set) Undo() bool { return s.step(&s.undo, &s.redo) }

// Redo goes forward again; it reports false when there is nothing undone.
func (s *Set) Redo() bool { return s.step(&s.redo, &s.undo) }

// step takes the last state off from, saving the present one on to.
func (s *Set) step(from, to *[][]Annotation) bool {
	if len(*from) == 0 {
		return false
	}
	*to = append(*to, s.items)
	s.items = (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	return true
}

// CanUndo and CanRedo say whether Undo and Redo would do something.
func (s *Set) CanUndo() bool { return len(s.undo) > 0 }

// CanRedo says whether Redo would do something.
func (s *Set) CanRedo() bool { return len(s.redo) > 0 }
