// Runs the shared table of the modifier language against the JavaScript implementation.
//
//     node tests/views/run_expression_cases.mjs [cases.json] [expression.js]
//
// Prints one line per failing case and exits 1 when any case fails, 0 otherwise.
// tests/views/test_expression.py runs it, so the JavaScript side is checked by pytest
// on the same table as the Python side.
//
// The module is loaded from a data: URL because addons/web has no package.json
// declaring "type": "module", and Node would otherwise read the .js file as CommonJS.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const casesPath = process.argv[2] || resolve(here, "expression_cases.json");
const modulePath = process.argv[3] || resolve(here, "../../addons/web/static/src/core/expression.js");

const source = readFileSync(modulePath, "utf8");
const { parseExpr, evaluateExpr, namesOf, ExpressionError, EvaluationError } = await import(
    "data:text/javascript;base64," + Buffer.from(source, "utf8").toString("base64")
);

/** Same value by kind: a boolean is not a number; 2 and 2.0 cannot be told apart in JavaScript. */
function same(actual, expected) {
    if (Array.isArray(expected)) {
        return (
            Array.isArray(actual) &&
            actual.length === expected.length &&
            expected.every((item, index) => same(actual[index], item))
        );
    }
    if (expected !== null && typeof expected === "object") {
        const keys = Object.keys(expected);
        return (
            actual !== null &&
            typeof actual === "object" &&
            !Array.isArray(actual) &&
            Object.keys(actual).length === keys.length &&
            keys.every((key) => Object.prototype.hasOwnProperty.call(actual, key) && same(actual[key], expected[key]))
        );
    }
    return typeof actual === typeof expected && actual === expected;
}

function check(testCase) {
    const { expr, values = {} } = testCase;
    let parsed;
    try {
        parsed = parseExpr(expr);
    } catch (error) {
        if (!(error instanceof ExpressionError) || error instanceof EvaluationError) {
            return `parse threw ${error}`;
        }
        if (testCase.error !== "syntax") {
            return `unexpected syntax error: ${error.message}`;
        }
        return error.column === testCase.column ? null : `syntax error at column ${error.column}, expected ${testCase.column}`;
    }
    if (testCase.error === "syntax") {
        return `parsed, expected a syntax error at column ${testCase.column}`;
    }
    if (testCase.names) {
        const names = [...namesOf(parsed)].sort();
        if (!same(names, [...testCase.names].sort())) {
            return `names ${JSON.stringify(names)}, expected ${JSON.stringify(testCase.names)}`;
        }
    }
    if (!("result" in testCase) && testCase.error !== "evaluation") {
        return null;
    }
    let result;
    try {
        result = evaluateExpr(parsed, values);
    } catch (error) {
        if (testCase.error === "evaluation" && error instanceof EvaluationError) {
            return null;
        }
        return `evaluation threw ${error}`;
    }
    if (testCase.error === "evaluation") {
        return `returned ${JSON.stringify(result)}, expected an evaluation error`;
    }
    return same(result, testCase.result)
        ? null
        : `returned ${JSON.stringify(result)}, expected ${JSON.stringify(testCase.result)}`;
}

const { cases } = JSON.parse(readFileSync(casesPath, "utf8"));
const failures = [];
cases.forEach((testCase, index) => {
    const problem = check(testCase);
    if (problem) {
        failures.push(`case ${index} ${JSON.stringify(testCase.expr)}: ${problem}`);
    }
});
for (const failure of failures) {
    console.log(failure);
}
console.log(`${cases.length - failures.length} of ${cases.length} cases pass`);
process.exit(failures.length ? 1 : 0);
