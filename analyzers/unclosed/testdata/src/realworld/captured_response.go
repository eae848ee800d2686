package realworld

import (
	"log"
	"net/http"
)

// A response held in a variable a closure captures lives in a cell;
// resp.Body.Close() through the cell releases it (websocket's tests).
func fetchLogged(u string) {
	resp, err := http.Get(u)
	logStatus := func() { log.Println(resp.Status) }
	if err != nil {
		return
	}
	logStatus()
	resp.Body.Close()
}

func fetchLoggedLeaks(u string) {
	resp, err := http.Get(u) // want `resp.Body from http.Get is never closed`
	logStatus := func() { log.Println(resp.Status) }
	if err != nil {
		return
	}
	logStatus()
}
