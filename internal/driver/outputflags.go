package driver

import "errors"

// checkOutputFlags rejects combinations of -diff and the baseline flags
// with other outputs that make no sense together.
func checkOutputFlags(opts *options) error {
	switch {
	case opts.diff && (opts.json || opts.sarif):
		return errors.New("-diff prints a patch, which cannot be combined with -json or -sarif")
	case opts.rebaseline && opts.baseline == "":
		return errors.New("-update-baseline needs -baseline=FILE")
	}
	return nil
}
