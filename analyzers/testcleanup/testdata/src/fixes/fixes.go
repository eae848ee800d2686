// Package fixes checks testcleanup's suggested fixes against golden
// files.
package fixes
