/**
 * Currencies the client formats monetary amounts with ({symbol, position, decimal_places}).
 *
 * The active currencies are read once at start; a view showing an amount in another currency
 * calls ``ensure(ids)`` before rendering, so formatting itself stays synchronous.
 */

const FIELDS = ["name", "symbol", "position", "decimal_places"];

export class Currencies {
    constructor(orm) {
        this.orm = orm;
        this.byId = new Map();
        this.loading = null;
    }

    /** Read the active currencies (once; later calls wait for the same read). */
    load() {
        this.loading = this.loading || this._load();
        return this.loading;
    }

    async _load() {
        try {
            const records = await this.orm.searchRead("res.currency", [], FIELDS, { limit: 200 });
            for (const record of records) {
                this.byId.set(record.id, record);
            }
        } catch {
            // a user without access to currencies still sees amounts, without symbol
        }
    }

    /** Make sure the currencies of ``ids`` are known (reads the missing ones). */
    async ensure(ids) {
        await this.load();
        const missing = [...new Set(ids)].filter((id) => id && !this.byId.has(id));
        if (!missing.length) {
            return;
        }
        try {
            for (const record of await this.orm.read("res.currency", missing, FIELDS)) {
                this.byId.set(record.id, record);
            }
        } catch {
            // same as above: amounts without symbol
        }
    }

    /** Make sure the currencies of the monetary ``fields`` of ``rows`` (read records) are known. */
    ensureFor(fields, rows) {
        const currencyFields = new Set(Object.values(fields).filter((field) => field && field.type === "monetary")
            .map((field) => field.currency_field || "currency_id"));
        const ids = rows.flatMap((row) => [...currencyFields].map((name) => row[name]))
            .map((value) => (Array.isArray(value) ? value[0] : value)).filter(Boolean);
        return this.ensure(ids);
    }

    /** The currency of a many2one value ([id, name] or id), or null. */
    get(value) {
        const id = Array.isArray(value) ? value[0] : value;
        return (id && this.byId.get(id)) || null;
    }
}
