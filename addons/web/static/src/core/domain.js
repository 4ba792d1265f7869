/**
 * Combining domains (Odoo's prefix notation) on the client: the action's domain AND the
 * search's facets, each facet an OR of its values.
 *
 *     andDomains([[["active", "=", true]], [["name", "ilike", "a"]]])
 *     // ["&", ["active", "=", true], ["name", "ilike", "a"]]
 */

const OPERATORS = new Set(["&", "|", "!"]);

/** How many leaves/sub-domains a normalized domain expression spans, to count implicit ANDs. */
function normalize(domain) {
    if (!Array.isArray(domain) || !domain.length) {
        return [];
    }
    // Count top-level expressions: an operator takes its arity, each leaf gives one.
    let expected = 1;
    const result = [];
    for (const item of domain) {
        if (expected === 0) {
            result.unshift("&");
            expected = 1;
        }
        result.push(item);
        if (item === "&" || item === "|") {
            expected += 1;
        } else if (item === "!") {
            expected += 0;
        } else {
            expected -= 1;
        }
    }
    return result;
}

function combine(operator, domains) {
    const parts = domains.map(normalize).filter((domain) => domain.length);
    if (!parts.length) {
        return [];
    }
    const result = [];
    for (let index = 1; index < parts.length; index += 1) {
        result.push(operator);
    }
    for (const part of parts) {
        result.push(...part);
    }
    return result;
}

export function andDomains(domains) {
    return combine("&", domains);
}

export function orDomains(domains) {
    return combine("|", domains);
}

export function isOperator(item) {
    return OPERATORS.has(item);
}
