// Package usetestutil tests code with helpers of another package.
package usetestutil
