-- owns_route: 1 when adding the domain created its route (removing the domain removes the route), 0 when an
-- admin forced the domain over a route made with the routes API, which then outlives the domain. Domains added
-- before this column existed are taken to own their routes, as they were treated then.
ALTER TABLE domains ADD COLUMN owns_route INTEGER NOT NULL DEFAULT 1 CHECK (owns_route IN (0, 1));

-- One row that /api/health rewrites to prove that the store can be written (Store.checkWritable).
CREATE TABLE write_probe (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at  BIGINT  NOT NULL
);
