// Package app is Plan Atlas's desktop interface, built with Fyne. It holds
// no geometry or drawing code of its own: the map comes from geo/render and
// the plan from geo/plan.
//
// The app's state is a model (State) that every change goes through; the
// map view, the panels, the presenter and the preferences subscribe to it.
// Background renders and exports draw snapshots of it (render.Scene
// values), never the state itself.
package app
