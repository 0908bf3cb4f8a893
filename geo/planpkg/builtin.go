package planpkg

import (
	"errors"
	"fmt"

	"github.com/planatlas/planatlas/assets"
	"github.com/planatlas/planatlas/geo/plan"
)

// BuiltIn opens the plan package embedded in the binary, through the same
// code as any package a planner opens. It needs no file outside the
// binary. A problem in it is an error: the built-in plan is checked when
// it is generated.
func BuiltIn() (*plan.Plan, error) {
	p, problems, err := OpenFS(assets.PlanPackage, assets.PlanPackageFile)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("the built-in plan package: %w", errors.Join(problems...))
	}
	return p, nil
}
