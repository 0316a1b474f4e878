package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"lawdesk/internal/domain"
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
	bak := filepath.Join(dir, fmt.Sprintf("%s.v%d.bak", store.DBFile, store.SchemaVersion()))
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

// TestOpensStoreOfSchemaV1 opens a copy of a store written by the first release (the demo
// office, testdata/store-v1.db): it must migrate to the current schema, keep every account
// and keep a verifiable audit chain.
func TestOpensStoreOfSchemaV1(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../../testdata/store-v1.db")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, store.DBFile), data, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v, _ := st.Version(); v != store.SchemaVersion() {
		t.Fatalf("schema %d after open, want %d", v, store.SchemaVersion())
	}
	if u, err := st.UserByName("sunli"); err != nil || u.FullName != "孙丽" {
		t.Fatalf("account of the old store: %+v %v", u, err)
	}
	rep, err := st.VerifyChain()
	if err != nil || !rep.OK || rep.Events < 20 {
		t.Fatalf("chain after migration: %+v %v", rep, err)
	}
	// the indexes later schemas added are built for the old records
	if full, err := st.VerifyQuick(context.Background()); err != nil || !full.OK() {
		t.Fatalf("verify after migration: %+v %v", full, err)
	}
	if store.SchemaVersion() > 1 {
		if _, err := os.Stat(filepath.Join(dir, store.DBFile+".v1.bak")); err != nil {
			t.Fatalf("no copy of the v1 file before migrating: %v", err)
		}
	}
}

// `lawdesk verify` opens read-only, so a store of an older schema is checked before any
// migration: buckets later schemas add are missing, and no check may trip over that.
func TestVerifiesStoreOfSchemaV1ReadOnly(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../../testdata/store-v1.db")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, store.DBFile), data, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, err = st.Verify(context.Background(), nil)
	if domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(domain.ErrorMessage(err), "升级") {
		t.Fatalf("verify of an older schema opened read-only: %v", err)
	}
	if _, err := st.OpenReviews(); err != nil {
		t.Fatal(err)
	}
}
