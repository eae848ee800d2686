package app_test

import (
	"testing"

	_ "example.com/mod/testdrv"
)

func TestApp(t *testing.T) {}
