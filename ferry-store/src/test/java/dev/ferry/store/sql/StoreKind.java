package dev.ferry.store.sql;

/** The stores the store contract runs against. */
enum StoreKind {
    SQLITE,
    POSTGRESQL
}
