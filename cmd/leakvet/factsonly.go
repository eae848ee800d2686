package main

import "github.com/leakvet/leakvet/internal/lifecycle"

// markFactsOnly sets lifecycle.FactsOnly for a unit that go vet analyses
// only for the facts its importers need (VetxOnly): nothing is reported
// on it, so the engine may leave generated code unsummarised. An
// unreadable description leaves the full analysis on.
func markFactsOnly(cfgFile string) {
	if unit, err := readUnitConfig(cfgFile); err == nil && unit.VetxOnly {
		lifecycle.FactsOnly = true
	}
}
