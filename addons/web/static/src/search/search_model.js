/**
 * The search state of an action: text searches on fields, active filters, group-bys; and the
 * domain and grouping it means. The list and kanban views of an action share one SearchModel.
 *
 * Built from the search view arch: ``<field name filter_domain operator>`` are the fields one can
 * search on, ``<filter name string domain>`` the predefined filters (filters of one group — between
 * two separators — are OR-ed, groups AND-ed), ``<filter context="{'group_by': 'x'}">`` the group-by
 * options. Each active field, filter group and the group-by make one *facet* of the search bar.
 *
 * The state is plain data (``toJSON``/``restore``), so it goes into the URL.
 * Event: "update" whenever the search changes.
 */

import { andDomains, orDomains } from "../core/domain.js";
import { parseLiteral } from "../core/py_literal.js";
import { children, labelOf } from "../views/arch.js";

const TEXT_TYPES = new Set(["char", "text", "html", "many2one", "many2many", "one2many", "selection", "reference"]);

function parseOr(text, scope, fallback) {
    if (!text) {
        return fallback;
    }
    try {
        return parseLiteral(text, scope);
    } catch (error) {
        console.warn(`Search view: cannot read ${text}: ${error.message}`);
        return null;
    }
}

export class SearchModel extends EventTarget {
    constructor({ arch, fields, context = {}, session }) {
        super();
        this.fields = fields;
        this.scope = { uid: session.uid, context, company_id: session.company_id, allowed_company_ids: [session.company_id] };
        this.searchFields = [];
        this.filters = [];
        this.groupBys = [];
        if (arch) {
            this._read(arch);
        }
        this.state = { fields: [], filters: [], groupBy: [] };
        this._defaults(context);
    }

    _read(arch) {
        let group = 0;
        const visit = (node) => {
            for (const child of children(node)) {
                if (child.tagName === "field") {
                    const name = child.getAttribute("name");
                    const field = this.fields[name];
                    if (field) {
                        this.searchFields.push({
                            name, field, label: labelOf(child, field),
                            filterDomain: child.getAttribute("filter_domain"), operator: child.getAttribute("operator"),
                        });
                    }
                } else if (child.tagName === "filter") {
                    const context = parseOr(child.getAttribute("context"), this.scope, {}) || {};
                    const groupBy = context.group_by;
                    const name = child.getAttribute("name") || `filter_${this.filters.length + this.groupBys.length}`;
                    const string = child.getAttribute("string") || name;
                    if (groupBy) {
                        for (const fieldName of [].concat(groupBy)) {
                            this.groupBys.push({ name, string, field: String(fieldName).split(":")[0] });
                        }
                    } else {
                        this.filters.push({ name, string, group, domain: child.getAttribute("domain") || "[]" });
                    }
                } else if (child.tagName === "separator") {
                    group += 1;
                } else if (child.tagName === "group") {
                    group += 1;
                    visit(child);
                    group += 1;
                } else {
                    visit(child);
                }
            }
        };
        visit(arch);
    }

    /** ``search_default_<name>`` keys of the action context activate filters, group-bys and field searches. */
    _defaults(context) {
        for (const [key, value] of Object.entries(context || {})) {
            if (!key.startsWith("search_default_") || !value) {
                continue;
            }
            const name = key.slice("search_default_".length);
            if (this.filters.some((item) => item.name === name)) {
                this.state.filters.push(name);
            } else if (this.groupBys.some((item) => item.name === name)) {
                this.state.groupBy.push(this.groupBys.find((item) => item.name === name).field);
            } else if (this.searchFields.some((item) => item.name === name)) {
                this.state.fields.push([name, String(value), value]);
            }
        }
        if (context && context.group_by && !this.state.groupBy.length) {
            this.state.groupBy = [].concat(context.group_by).map((item) => String(item).split(":")[0]);
        }
    }

    toJSON() {
        return { fields: this.state.fields, filters: this.state.filters, groupBy: this.state.groupBy };
    }

    /** Take a state back (from the URL); unknown names are dropped. */
    restore(state) {
        if (!state || typeof state !== "object") {
            return;
        }
        const fields = Array.isArray(state.fields) ? state.fields : [];
        this.state = {
            fields: fields.filter((item) => Array.isArray(item) && this.searchFields.some((f) => f.name === item[0])),
            filters: (Array.isArray(state.filters) ? state.filters : []).filter((name) => this.filters.some((f) => f.name === name)),
            groupBy: (Array.isArray(state.groupBy) ? state.groupBy : []).filter((name) => typeof name === "string" && this.fields[name]),
        };
    }

    _changed() {
        this.dispatchEvent(new CustomEvent("update"));
    }

    addFieldSearch(name, label, value = label) {
        this.state.fields.push([name, label, value]);
        this._changed();
    }

    toggleFilter(name) {
        const active = this.state.filters;
        this.state.filters = active.includes(name) ? active.filter((item) => item !== name) : [...active, name];
        this._changed();
    }

    toggleGroupBy(field) {
        const active = this.state.groupBy;
        this.state.groupBy = active.includes(field) ? active.filter((item) => item !== field) : [...active, field];
        this._changed();
    }

    /** Remove a facet (see ``facets()``) */
    removeFacet(facet) {
        if (facet.type === "field") {
            this.state.fields = this.state.fields.filter((item) => item[0] !== facet.key);
        } else if (facet.type === "filter") {
            const names = new Set(this.filters.filter((item) => item.group === facet.key).map((item) => item.name));
            this.state.filters = this.state.filters.filter((name) => !names.has(name));
        } else if (facet.type === "groupBy") {
            this.state.groupBy = [];
        }
        this._changed();
    }

    clear() {
        this.state = { fields: [], filters: [], groupBy: [] };
        this._changed();
    }

    /** The facets of the search bar: [{type, key, label, values: [text]}]. */
    facets() {
        const facets = [];
        for (const searchField of this.searchFields) {
            const values = this.state.fields.filter((item) => item[0] === searchField.name).map((item) => item[1]);
            if (values.length) {
                facets.push({ type: "field", key: searchField.name, label: searchField.label, values });
            }
        }
        const groups = new Map();
        for (const filter of this.filters) {
            if (this.state.filters.includes(filter.name)) {
                if (!groups.has(filter.group)) {
                    groups.set(filter.group, []);
                }
                groups.get(filter.group).push(filter.string);
            }
        }
        for (const [group, values] of groups) {
            facets.push({ type: "filter", key: group, label: null, values });
        }
        if (this.state.groupBy.length) {
            const labels = this.state.groupBy.map((name) => this.groupBys.find((item) => item.field === name)?.string || this.fields[name]?.string || name);
            facets.push({ type: "groupBy", key: "groupBy", label: "Group by", values: labels });
        }
        return facets;
    }

    fieldDomain(searchField, value) {
        if (searchField.filterDomain) {
            const domain = parseOr(searchField.filterDomain, { ...this.scope, self: value, raw_value: value }, []);
            return domain || [];
        }
        const { field, name } = searchField;
        let operator = searchField.operator;
        let operand = value;
        if (field.type === "selection") {
            const match = (field.selection || []).find(([key, label]) => key === value || label.toLowerCase() === String(value).toLowerCase());
            operator = operator || (match ? "=" : "ilike");
            operand = match ? match[0] : value;
        } else if (field.type === "many2one" && typeof value === "number") {
            operator = operator || "=";
        } else if (["integer", "float", "monetary"].includes(field.type)) {
            operator = operator || "=";
            operand = Number(String(value).replace(/,/g, ""));
            if (!Number.isFinite(operand)) {
                return [["id", "=", 0]];
            }
        } else if (field.type === "boolean") {
            operator = "=";
            operand = !/^(0|false|no|)$/i.test(String(value).trim());
        } else if (!TEXT_TYPES.has(field.type)) {
            operator = operator || "=";
        }
        return [[name, operator || "ilike", operand]];
    }

    /** The domain of the current search (to AND with the action's). */
    domain() {
        const parts = [];
        for (const searchField of this.searchFields) {
            const values = this.state.fields.filter((item) => item[0] === searchField.name);
            if (values.length) {
                parts.push(orDomains(values.map((item) => this.fieldDomain(searchField, item[2] ?? item[1]))));
            }
        }
        const groups = new Map();
        for (const filter of this.filters) {
            if (this.state.filters.includes(filter.name)) {
                const domain = parseOr(filter.domain, this.scope, []);
                if (domain) {
                    if (!groups.has(filter.group)) {
                        groups.set(filter.group, []);
                    }
                    groups.get(filter.group).push(domain);
                }
            }
        }
        for (const domains of groups.values()) {
            parts.push(orDomains(domains));
        }
        return andDomains(parts);
    }

    get groupBy() {
        return this.state.groupBy;
    }

    /** Fields one may group by besides the predefined ones (stored, groupable). */
    groupableFields() {
        return Object.entries(this.fields)
            .filter(([name, field]) => field.store !== false && field.groupable !== false && name !== "id"
                && ["char", "boolean", "selection", "many2one", "date", "datetime", "integer"].includes(field.type))
            .map(([name, field]) => ({ name, string: field.string || name }))
            .sort((a, b) => a.string.localeCompare(b.string));
    }
}
