// Package media reads incoming files: it scans USB drives and folders (body cameras, card
// readers), waits until a file stops changing, parses device/officer/time from vendor file
// names, probes MP4/MOV/AVI, JPEG, WAV and MP3 files for their kind, capture time and
// duration, renders pages of scanned documents (PDF, JPEG, PNG, TIFF via go-fitz) and makes
// thumbnails.
//
// It never writes to the source: every function here only opens files for reading, so a
// camera or a user's folder is left exactly as it was. Storing what was read is the job of
// the blob store and the services. Errors meant for a person are *domain.Error values with a
// plain Chinese message that names the file and says what to do.
package media
