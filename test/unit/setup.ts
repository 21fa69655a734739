// Unit tests only: an in-memory IndexedDB. Browser tests use real Chromium's.
import 'fake-indexeddb/auto';
