// Package drv is a driver: imported blank, it imports others by name.
package drv

import (
	_ "example.com/mod/chained"
	"example.com/mod/drvlib"
	"example.com/mod/shared"
)

var _ = drvlib.Y + shared.Z
