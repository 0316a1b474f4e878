package domain

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// Event is one link of the audit chain: every change to the store and every access to a
// record appends one. Events are never updated or deleted.
type Event struct {
	Seq      uint64
	Time     time.Time
	Actor    string // login name, or "system" for LawDesk itself
	Action   string // e.g. user.create, agency.update, document.view
	Target   string // what was touched, e.g. user:3 or case:12
	Summary  string // one line in Chinese for people reading the log
	PrevHash string // hex SHA-256 of the previous event, "" for the first
	Hash     string // hex SHA-256 of this event's fields and PrevHash
}

// ComputeHash returns the hash the event should carry. Each field is length-prefixed so
// that no two different events can encode to the same bytes.
func (e Event) ComputeHash() string {
	h := sha256.New()
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], e.Seq)
	h.Write(buf[:])
	binary.BigEndian.PutUint64(buf[:], uint64(e.Time.UnixNano()))
	h.Write(buf[:])
	for _, s := range []string{e.Actor, e.Action, e.Target, e.Summary, e.PrevHash} {
		binary.BigEndian.PutUint64(buf[:], uint64(len(s)))
		h.Write(buf[:])
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// SystemActor is the actor recorded for changes LawDesk makes by itself (migrations, setup).
const SystemActor = "system"
