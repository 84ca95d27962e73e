package deferinloop

// importAllOne imports a single file by name.
//
// allocfix: keep — no loop.
func importAllOne(p string) error {
	f, err := open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	note("import " + f.Header())
	return nil
}
