// Package resultsets holds tests that read multi-statement rows to their
// last result set: database/sql closes the rows when NextResultSet
// returns false, as it does when Next returns false.
package resultsets
