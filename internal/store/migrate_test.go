package store_test

import (
	"os"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"

	"lawdesk/internal/store"
)

func TestMigrationBacksUpThenMigrates(t *testing.T) {
	st, dir := openTemp(t)
	before, _ := os.ReadFile(filepath.Join(dir, store.DBFile))
	err := store.MigrateWithExtraStep(st, func(tx *bbolt.Tx) error {
		_, err := tx.CreateBucket([]byte("new_entity"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := st.Version()
	if v != store.SchemaVersion()+1 {
		t.Fatalf("version = %d", v)
	}
	bak := filepath.Join(dir, store.DBFile+".v1.bak")
	got, err := os.ReadFile(bak)
	if err != nil {
		t.Fatalf("no backup before migration: %v", err)
	}
	if len(got) == 0 || len(got) > len(before)*2+1<<16 {
		t.Errorf("backup size %d looks wrong", len(got))
	}
	old, err := bbolt.Open(bak, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	old.View(func(tx *bbolt.Tx) error {
		if tx.Bucket([]byte("new_entity")) != nil {
			t.Error("backup already contains the migrated bucket")
		}
		return nil
	})
	rep, _ := st.VerifyChain()
	if !rep.OK || rep.Last.Action != "store.migrate" {
		t.Errorf("migration not recorded: %+v", rep)
	}
}

func TestFailingMigrationKeepsVersion(t *testing.T) {
	st, _ := openTemp(t)
	err := store.MigrateWithExtraStep(st, func(tx *bbolt.Tx) error {
		_, err := tx.CreateBucket([]byte("meta")) // already exists: the step fails
		return err
	})
	if err == nil {
		t.Fatal("failing migration reported success")
	}
	if v, _ := st.Version(); v != store.SchemaVersion() {
		t.Fatalf("version moved to %d after a failed step", v)
	}
}
