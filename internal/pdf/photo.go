package pdf

import "image"

// ID photos on posting-board cards are 3:4 (width:height), the shape of the photo box.
const (
	IDPhotoWidth  = 600 // pixels kept when a photo is stored: 300 dpi at about 5 × 6.8 cm
	IDPhotoHeight = 800
)

// IDPhoto crops the centre of img to the ID-photo ratio 3:4, flattens transparency on white
// and scales it down (never up) to at most maxW×maxH pixels with nfnt/resize. Services
// store photos this way once, so printing a batch of cards does not resize them again.
func IDPhoto(img image.Image, maxW, maxH int) image.Image { return idPhoto(img, maxW, maxH) }
