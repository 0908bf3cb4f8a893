package basemap

import (
	"context"
	"image"

	"github.com/planatlas/planatlas/geo/proj"
)

// Stack draws sources one over another (imagery, then its names) as one.
type Stack struct {
	Layers []Source
	info   Info
}

// NewStack stacks layers under one description.
func NewStack(info Info, layers ...Source) *Stack { return &Stack{Layers: layers, info: info} }

// Info describes the stack.
func (s *Stack) Info() Info { return s.info }

// Draw draws each layer in turn.
func (s *Stack) Draw(ctx context.Context, v proj.View, dst *image.RGBA, wait bool) (Stats, error) {
	var all Stats
	for _, l := range s.Layers {
		st, err := l.Draw(ctx, v, dst, wait)
		all.Add(st)
		if err != nil {
			return all, err
		}
	}
	return all, nil
}

// SetNotify passes f to every layer that fetches in the background.
func (s *Stack) SetNotify(f func()) {
	for _, l := range s.Layers {
		if n, ok := l.(interface{ SetNotify(func()) }); ok {
			n.SetNotify(f)
		}
	}
}

// Close closes every layer.
func (s *Stack) Close() error {
	var first error
	for _, l := range s.Layers {
		if err := l.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
