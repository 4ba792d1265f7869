/**
 * Entry point of the web client (loaded by /web as a module): read the session the page was
 * rendered with and start the client.
 */

import { WebClient } from "./webclient/webclient.js";

function readSession() {
    const data = document.getElementById("nexa-session-info");
    return data ? JSON.parse(data.textContent) : {};
}

const csrfToken = document.querySelector("meta[name='csrf-token']")?.getAttribute("content") || "";
const client = new WebClient({ session: readSession(), csrfToken, boot: window.nexaBoot });
client.start().catch((error) => client.onError(error));
