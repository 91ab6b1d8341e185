package dev.ferry.store.sql.internal;

import dev.ferry.core.store.Formation;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SQL for the {@code formation} table. */
public final class FormationRows {

    private FormationRows() {
    }

    public static Formation of(Tx tx, AppRow app) throws SQLException {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        tx.list("SELECT process_type, quantity FROM formation WHERE app_id = ?",
                row -> quantities.put(row.getString("process_type"), row.getInt("quantity")), app.id());
        return new Formation(app.name(), quantities);
    }

    /** Sets the quantity of each named type, which is already validated. */
    public static void set(Tx tx, AppRow app, Map<String, Integer> quantities) throws SQLException {
        for (Map.Entry<String, Integer> entry : quantities.entrySet()) {
            tx.update("DELETE FROM formation WHERE app_id = ? AND process_type = ?", app.id(), entry.getKey());
            tx.update("INSERT INTO formation (app_id, process_type, quantity) VALUES (?, ?, ?)",
                    app.id(), entry.getKey(), entry.getValue());
        }
    }
}
