package byteconversions

import "net/http"

// writeResponse writes body to an HTTP response.
//
// allocfix: unsafe — http.ResponseWriter is an interface: net/http's server
// writer has WriteString, a middleware's wrapper may not.
func writeResponse(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "text/plain")
	w.Write([]byte(body))
}
