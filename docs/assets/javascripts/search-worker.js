/*
 * The site's search worker: Material's own worker, wrapped to do two things
 * Material's does not (macros/search_index.py writes the files it reads).
 *
 * 1. Load the index when the reader starts searching, not on every page view.
 *    The page fetches search/search_index.json, which holds only the search
 *    configuration and the names of the shards holding the documents. On the
 *    first query this worker builds Material's index from the first shard
 *    (guide, wiki, guests) and answers; then it adds the next shard (the
 *    archive's episodes and topics) and answers the latest query again.
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
const searchFolder = new URL("../../search/", self.location.href)

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
// pass through rank() on their way to the page.
const post = self.postMessage.bind(self)
let swallowReady = false
let answering = ""  // the query whose result is being posted
let fromFull = false
self.postMessage = (message, ...rest) => {
  if (swallowReady && message && message.type === READY) return
  // Once the whole index answers, a late answer from the first shard's would
  // replace a complete result list with a partial one.
  if (message && message.type === RESULT && full !== null && !fromFull) return
  if (message && message.type === RESULT) message = { ...message, data: rank(message.data, answering) }
  post(message, ...rest)
}

// Two orderings Lunr cannot express, applied to Material's result groups
// (one group per page):
// - a query that is a page's title brings that page first ("evaluation"
//   finds Evaluation before LLM evaluation, whose text says it more often);
// - Lunr has no phrase queries: "feature store" matches "feature" or
//   "store" anywhere, and a title that says "feature" outweighs any amount
//   of text. Guide and wiki pages that contain the words side by side, in
//   the order typed, move ahead, the page that says it most often first.
//   Pages with a search weight of their own in their front matter
//   (generated and listing pages: episodes, guests, topics) are not moved:
//   an episode title in a guest's list is not a page about the topic.
// Otherwise the order is Material's.
const TAG = /<[^>]+>/g
function plain(text) {
  return (text || "").replace(TAG, "").replace(/\s+/g, " ").toLowerCase()
}
// A phrase matches with any ending on each word ("a/b testing" also finds
// "A/B tests"): each word of 5 letters or more loses a common ending first.
const ENDING = /(ing|es|ed|s)$/
function phrasePattern(phrase) {
  const words = phrase.split(" ").map(word => word.length >= 5 ? word.replace(ENDING, "") : word)
  const escaped = words.map(word => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
  return new RegExp(escaped.map(word => `${word}[\\p{L}\\p{N}/-]*`).join("\\s+"), "gu")
}
function occurrences(text, pattern) {
  return pattern ? (plain(text).match(pattern) || []).length : 0
}
const TITLE_MATCH = 1e9
function rank(result, query) {
  const typed = query.trim().toLowerCase().replace(/\s+/g, " ")
  const phrases = phrasesOf(query).map(phrasePattern)
  const weigh = group => {
    const written = group[0].boost === undefined  // a guide or wiki page, not a generated one
    if (plain(group[0].title) === typed && !group[0].location.includes("#"))
      return written ? 2 * TITLE_MATCH : TITLE_MATCH
    if (!written) return 0
    return group.reduce((sum, item) => sum + phrases.reduce((count, wanted) =>
      count + 5 * occurrences(item.title, wanted) + occurrences(item.text, wanted), 0), 0)
  }
  const weighed = (result.items || []).map((group, order) => [weigh(group), order, group])
  weighed.sort((a, b) => b[0] - a[0] || a[1] - b[1])
  return { ...result, items: weighed.map(([, , group]) => group) }
}

// The query's words side by side, and again with usual spellings swapped
// in ("ab testing" is also "a/b testing").
function phrasesOf(query) {
  const words = query.trim().toLowerCase().split(/\s+/)
  if (words.length < 2 || !words.every(word => PLAIN_WORD.test(word))) return []
  const swapped = words.map(word => {
    const alternatives = ALTERNATIVES[word.replace(/[/.-]/g, "")] || []
    return alternatives.length === 1 ? alternatives[0] : word
  })
  return [...new Set([words.join(" "), swapped.join(" ")])]
}

let options = { suggest: false }
let shards = []          // file names in search/, in loading order
let coreReady = null     // promise: Material's index in this worker, built from the first shard
let full = null          // a second Material worker with every shard, once it is built
const fullQueries = []   // each query sent to `full`, in order: it answers in order
let latestQuery = null

async function fetchShard(name) {
  const url = new URL(name, searchFolder)
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return response.json()
}

// The first shard is built here and answers at once; the whole index is
// built meanwhile in a worker of its own, so typing never waits for it, and
// takes over (answering the latest query again) when it is ready.
function startIndexes() {
  coreReady = fetchShard(shards[0]).then(async shard => {
    swallowReady = true
    try {
      await material({ data: { type: SETUP, data: { config: shard.config, docs: shard.docs, options } } })
    } finally {
      swallowReady = false
    }
  })
  if (shards.length < 2) return
  if (typeof Worker === "undefined") {
    // No nested workers in this browser: add the other shards here, in turn.
    coreReady = coreReady.then(async () => {
      const parts = await Promise.all(shards.map(fetchShard))
      swallowReady = true
      try {
        await material({ data: { type: SETUP, data: {
          config: parts[0].config, docs: parts.flatMap(part => part.docs), options } } })
      } finally {
        swallowReady = false
      }
    })
    return
  }
  const worker = new Worker(new URL(materialUrl, self.location.href))
  worker.onmessage = event => {
    if (event.data.type === READY) {
      full = worker
      if (latestQuery !== null) ask(latestQuery)
    } else if (event.data.type === RESULT) {
      answering = fullQueries.shift() || ""
      fromFull = true
      try {
        self.postMessage(event.data)
      } finally {
        fromFull = false
      }
    }
  }
  Promise.all(shards.map(fetchShard)).then(parts => worker.postMessage({ type: SETUP, data: {
    config: parts[0].config, docs: parts.flatMap(part => part.docs), options } }))
    .catch(error => console.warn("search:", error))
}

function ask(query) {
  if (full !== null) {
    fullQueries.push(query)
    full.postMessage({ type: QUERY, data: widen(query) })
    return Promise.resolve()
  }
  return coreReady.then(() => {
    answering = query
    return material({ data: { type: QUERY, data: widen(query) } })
  })
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

addListener("message", event => {
  const message = event.data
  if (message.type === SETUP) {
    options = message.data.options || options
    shards = message.data.config.shards || []
    post({ type: READY })
    return
  }
  if (message.type === QUERY) {
    latestQuery = message.data
    // Material sends the empty box's query as soon as the page loads: answer
    // it with nothing rather than fetch the index nobody has asked for yet.
    if (coreReady === null && !message.data.trim()) {
      post({ type: RESULT, data: { items: [] } })
      return
    }
    if (coreReady === null) startIndexes()
    ask(message.data).catch(error => {
      console.warn("search:", error)
      coreReady = null  // let the next query try again
      post({ type: RESULT, data: { items: [] } })
    })
    return
  }
  material(event)
})
