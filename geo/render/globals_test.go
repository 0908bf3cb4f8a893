package render

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The package keeps no mutable state of its own: what drawing prepares
// lives in a Cache that its owner holds. This test reads the package's
// source and checks every package-level variable: it may not be of a type
// from sync or sync/atomic (a lock, pool, once or map shared by every
// caller), and no function may assign to it, to an element or field of
// it, pass it to delete or clear, or take its address. What is left are
// tables written once, in their declaration.
func TestNoMutablePackageState(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	globals := map[string]token.Position{}
	specs := map[*ast.ValueSpec]bool{} // the package-level declarations
	var parsed []*ast.File
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				specs[vs] = true
				typ := ""
				if vs.Type != nil {
					typ = string(src[fset.Position(vs.Type.Pos()).Offset:fset.Position(vs.Type.End()).Offset])
				}
				for i, n := range vs.Names {
					if n.Name == "_" {
						continue
					}
					globals[n.Name] = fset.Position(n.Pos())
					init := ""
					if i < len(vs.Values) {
						v := vs.Values[i]
						init = string(src[fset.Position(v.Pos()).Offset:fset.Position(v.End()).Offset])
					}
					for _, bad := range []string{"sync.", "atomic."} {
						if strings.Contains(typ, bad) || strings.HasPrefix(init, bad) || strings.HasPrefix(init, "&"+bad) {
							t.Errorf("%s: package-level %s is shared mutable state (%s%s)", fset.Position(n.Pos()), n.Name, typ, init)
						}
					}
				}
			}
		}
	}
	if len(globals) == 0 {
		t.Fatal("found no package-level variables at all: is the test reading the package?")
	}
	// root returns the variable an expression writes through: x, x[i], x.f, *x.
	var root func(e ast.Expr) *ast.Ident
	root = func(e ast.Expr) *ast.Ident {
		switch e := e.(type) {
		case *ast.Ident:
			return e
		case *ast.IndexExpr:
			return root(e.X)
		case *ast.SelectorExpr:
			return root(e.X)
		case *ast.StarExpr:
			return root(e.X)
		case *ast.ParenExpr:
			return root(e.X)
		}
		return nil
	}
	// isGlobal reports whether id names a package-level variable, not a
	// local of the same name (the parser resolves locals within a file).
	isGlobal := func(id *ast.Ident) bool {
		if id == nil {
			return false
		}
		if _, ok := globals[id.Name]; !ok {
			return false
		}
		if id.Obj == nil {
			return true // resolved at package scope, in another file
		}
		vs, ok := id.Obj.Decl.(*ast.ValueSpec)
		return ok && specs[vs]
	}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			fd, ok := n.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				return true
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				var targets []ast.Expr
				switch n := n.(type) {
				case *ast.AssignStmt:
					if n.Tok != token.DEFINE {
						targets = n.Lhs
					}
				case *ast.IncDecStmt:
					targets = []ast.Expr{n.X}
				case *ast.UnaryExpr:
					if n.Op == token.AND {
						targets = []ast.Expr{n.X}
					}
				case *ast.CallExpr:
					if id, ok := n.Fun.(*ast.Ident); ok && (id.Name == "delete" || id.Name == "clear") && len(n.Args) > 0 {
						targets = []ast.Expr{n.Args[0]}
					}
				}
				for _, e := range targets {
					if id := root(e); isGlobal(id) {
						t.Errorf("%s: %s writes package-level %s", fset.Position(e.Pos()), fd.Name.Name, id.Name)
					}
				}
				return true
			})
			return false
		})
	}
	t.Logf("%d package-level variables, all tables written only in their declaration", len(globals))
}
