// Unit tests run in Node, where the app's store (Dexie) needs an IndexedDB: fake-indexeddb is installed before any
// test file loads, so Dexie finds it however a file's imports are ordered.
import 'fake-indexeddb/auto'
