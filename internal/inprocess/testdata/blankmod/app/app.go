// Package app is the analysed package: it registers a driver by a blank
// import and uses another package by name.
package app

import (
	_ "example.com/mod/drv"
	"example.com/mod/named"
)

// X is named's.
var X = named.X
