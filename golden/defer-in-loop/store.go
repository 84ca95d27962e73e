package deferinloop

// LoadAll indexes the header of every file under s.dir.
//
// allocfix: rewrite — an exported method: the helper is a plain unexported
// function loadAllOne(p string, s *Store), the receiver being a free variable.
func (s *Store) LoadAll(paths []string) error {
	for _, p := range paths {
		f, err := open(s.dir + "/" + p)
		if err != nil {
			return err
		}
		defer f.Close()
		s.index(p, f)
	}
	return nil
}
