/*
 * The site's search worker: Material's own worker, wrapped to do two things
 * Material's does not (macros/search_index.py writes the files it reads).
 *
 * 1. Load the index when the reader first searches, not on every page view.
 *    The page fetches search/search_index.json, which holds only the search
 *    configuration; the documents are in search/search_documents.json, which
 *    this worker fetches on the first query and hands to Material's worker.
 * 2. Widen each query a little before Material's worker parses it: usual
 *    alternative spellings (k8s, cicd, ab testing) and a one-letter typo in
 *    any longer word ("babuskin" still finds "Babushkin").
 *
 * Material's worker URL arrives in this script's own query string
 * (?material=...), so a theme update that renames it needs no change here.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3  // Material's SearchMessageType

// Spellings readers type -> words the pages use. Keys are lower case.
// ("/" is not a word separator on this site, so "a/b" and "ci/cd" are words.)
const ALTERNATIVES = {
  k8s: ["kubernetes"],
  cicd: ["ci/cd"],
  ab: ["a/b"],
  abtesting: ["a/b", "testing"],
  sklearn: ["scikit"],
  llms: ["llm"],
  genai: ["generative", "llm"],
}
// Words at least this long also match with one letter wrong.
const FUZZY_MIN_LENGTH = 5

const materialUrl = new URL(self.location.href).searchParams.get("material")
const documentsUrl = new URL("../../search/search_documents.json", self.location.href)

// Material's worker registers one message listener; keep it instead of
// letting it receive messages directly.
let material = null
const addListener = self.addEventListener.bind(self)
self.addEventListener = (type, listener, options) => {
  if (type === "message" && material === null) material = listener
  else addListener(type, listener, options)
}
importScripts(new URL(materialUrl, self.location.href).href)
self.addEventListener = addListener

// Material's worker answers its own SETUP with READY; the page already had
// its READY from this wrapper, so that second one is dropped. Its results
// pass through phraseFirst on their way to the page.
const post = self.postMessage.bind(self)
let swallowReady = false
let phrase = ""
self.postMessage = (message, ...rest) => {
  if (swallowReady && message && message.type === READY) return
  if (message && message.type === RESULT && phrase) message = { ...message, data: phraseFirst(message.data, phrase) }
  post(message, ...rest)
}

// Lunr has no phrase queries: "feature store" matches "feature" or "store"
// anywhere, and a title that says "feature" outweighs any amount of text,
// so the pages that discuss feature stores came last. Guide and wiki pages
// whose text has the words side by side, in the order typed, move ahead of
// the rest; pages weighted down in search (listings, episodes: their front
// matter's search.boost is below 1) are not moved. Otherwise the order is
// Material's.
const TAG = /<[^>]+>/g
function phraseFirst(result, wanted) {
  const mentions = item =>
    `${item.title || ""} ${item.text || ""}`.replace(TAG, "").replace(/\s+/g, " ").toLowerCase().includes(wanted)
  const promoted = group => !(group[0].boost < 1) && group.some(mentions)
  const first = [], rest = []
  for (const group of result.items || []) (promoted(group) ? first : rest).push(group)
  return { ...result, items: [...first, ...rest] }
}

function phraseOf(query) {
  const words = query.trim().toLowerCase().split(/\s+/)
  return words.length > 1 && words.every(word => PLAIN_WORD.test(word)) ? words.join(" ") : ""
}

let options = { suggest: false }
let loading = null

function loadDocuments() {
  if (loading === null) {
    loading = fetch(documentsUrl)
      .then(response => {
        if (!response.ok) throw new Error(`${documentsUrl}: HTTP ${response.status}`)
        return response.json()
      })
      .then(async index => {
        swallowReady = true
        await material({ data: { type: SETUP, data: { config: index.config, docs: index.docs, options } } })
        swallowReady = false
      })
      .catch(error => {
        loading = null  // let the next query try again
        throw error
      })
  }
  return loading
}

const PLAIN_WORD = /^[\p{L}\p{N}][\p{L}\p{N}'’./-]*$/u

function widen(query) {
  const extra = []
  for (const word of query.trim().split(/\s+/)) {
    if (!PLAIN_WORD.test(word)) continue  // leave Lunr syntax (+, -, ~, ^, *, field:) alone
    const key = word.toLowerCase().replace(/[/.-]/g, "")
    for (const alternative of ALTERNATIVES[key] || []) extra.push(alternative)
    // "training/serving" also finds pages that use either word alone.
    for (const part of word.split("/")) if (word.includes("/") && part.length >= 3) extra.push(part)
    if (/^\p{L}+$/u.test(word) && word.length >= FUZZY_MIN_LENGTH) extra.push(`${word}~1`)
  }
  return extra.length ? `${query} ${extra.join(" ")}` : query
}

let queue = Promise.resolve()

addListener("message", event => {
  const message = event.data
  if (message.type === SETUP) {
    options = message.data.options || options
    post({ type: READY })
    return
  }
  if (message.type === QUERY) {
    // One query at a time, in order: the first waits for the documents.
    queue = queue
      .then(loadDocuments)
      .then(() => {
        phrase = phraseOf(message.data)
        return material({ data: { type: QUERY, data: widen(message.data) } })
      })
      .catch(error => {
        console.warn("search:", error)
        post({ type: RESULT, data: { items: [] } })
      })
    return
  }
  material(event)
})
