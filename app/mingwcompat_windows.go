package main

// The Windows build links go-fitz's prebuilt MuPDF with Debian's MinGW-w64, which lacks a
// few runtime symbols; mingwcompat supplies them (see its package comment).
import _ "lawdesk/internal/mingwcompat"
