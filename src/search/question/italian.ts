import type { MixedLanguage } from './mixed-language.js';

/**
 * Italian with English words, as an Italian speaker asks in a hurry ("Quanti dipendenti ha
 * MiniMax?", "Chi ha fondato Baichuan?", "Quando è uscito lo Spark Cognitive LLM di iFLYTEK?"). The
 * names and the technical words are English; the question words, the grammar and many everyday
 * words are Italian, and left as they are they are words no passage holds. The table reads the
 * question words and the words these questions need (users, founded, employees, approved …).
 */

const QUESTION_WORDS: Readonly<Record<string, string>> = {
  quanti: 'how many', quante: 'how many', quanto: 'how much', quanta: 'how much', chi: 'who', quando: 'when',
  perché: 'why', perche: 'why', perchè: 'why', dove: 'where', quale: 'which', quali: 'which', qual: 'which',
  cosa: 'what', che: 'what', come: 'how',
};

/** "chi", "che" and "come" are English, Persian or Chinese romanised too: alone they mark no message. */
const SHARED_WITH_OTHERS = ['chi', 'che', 'come', 'dove'];

/** Words no English word spells, and that Italian uses in nearly every question: one alone marks a message. */
const ITALIAN_ONLY: Readonly<Record<string, string>> = {
  grazie: '', ciao: '', allora: '', boh: '', cioè: '', anche: 'also', hanno: 'have', sono: 'are', della: 'of', delle: 'of',
  degli: 'of', nella: 'in', negli: 'in', sulla: 'on', dalla: 'from', più: 'more', cinese: 'Chinese', cinesi: 'Chinese',
  azienda: 'company', aziende: 'companies', modelli: 'models', utenti: 'users', dipendenti: 'employees', parametri: 'parameters',
  fondato: 'founded', fondata: 'founded', fondatore: 'founder', rilasciato: 'released', rilasciati: 'released', lanciato: 'launched',
  lanciati: 'launched', uscito: 'released', approvati: 'approved', approvato: 'approved', approvate: 'approved', chiama: 'called',
};

const OTHER_WORDS: Readonly<Record<string, string>> = {
  ...ITALIAN_ONLY,
  // Grammar: articles, prepositions with them, and the verbs "to be" and "to have".
  il: '', lo: '', la: '', i: '', gli: '', le: '', un: 'a', una: 'a', uno: 'a', di: 'of', del: 'of', dei: 'of', dello: 'of',
  nel: 'in', nei: 'in', su: 'on', sul: 'on', sui: 'on', per: 'for', con: 'with', tra: 'between', fra: 'between', da: 'from',
  dal: 'from', al: 'to', alla: 'to', ai: 'to', agli: 'to', e: 'and', o: 'or', non: 'not', ma: 'but', già: 'already', si: '',
  ci: '', ne: '', è: 'is', ha: 'has', stato: 'been', stata: 'been', stati: 'been', erano: 'were',
  tipo: '', ancora: 'still', meno: 'less', oltre: 'besides', altro: 'other', altri: 'other', tutti: 'all', mio: 'my',
  // Words of the questions about the articles.
  nome: 'name', chiamato: 'called', anno: 'year', anni: 'years', mese: 'month', giorni: 'days', volte: 'times',
  primo: 'first', prima: 'first', primi: 'first', quarto: 'fourth', secondo: 'according to', ultimi: 'last', tre: 'three',
  numero: 'number', totale: 'total', percentuale: 'percentage', cento: 'percent', cina: 'China', americane: 'American',
  americani: 'American', paesi: 'countries', governo: 'government', ministero: 'ministry', giornale: 'newspaper', mondo: 'world',
  modello: 'model', famiglia: 'family', serie: 'series', lancia: 'launches', pubblicato: 'published', presentato: 'introduced',
  incontrato: 'met', investito: 'invested', pagato: 'paid', comprare: 'buy', acquisito: 'acquired', lavora: 'works', lavoro: 'job',
  insegna: 'teaches', università: 'university', durata: 'lasted', visita: 'visit', popolare: 'popular', diventato: 'became',
  vantaggio: 'advantage', mercato: 'market', scaricare: 'download', gratis: 'free', licenza: 'license', ricerca: 'research',
  valeva: 'worth', vale: 'worth', settore: 'sector', superato: 'surpassed', diminuita: 'declined', calata: 'declined',
  collaborazione: 'collaboration', organizzazioni: 'organizations', controllato: 'scrutinized', investimento: 'investment',
  privato: 'private', rispetto: 'compared', dice: 'says', detto: 'said', fatto: 'made', scienziato: 'scientist', costa: 'cost',
  prezzo: 'price', abbonamento: 'subscription', piano: 'plan', governi: 'governments', aveva: 'had',
};

export const ITALIAN: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  // Two of these mark a message ("Chi è il CEO di DeepSeek?"); not "come", "per", "con" or "ma",
  // which English writes ("how did it come about, per the report?").
  markers: new Set(['chi', 'che', 'dove', 'il', 'di', 'del', 'dei', 'nel', 'è', 'ha', 'gli', 'tipo', 'secondo', 'anno']),
  markedByOne: new Set([...Object.keys(QUESTION_WORDS).filter((w) => !SHARED_WITH_OTHERS.includes(w)), ...Object.keys(ITALIAN_ONLY)]),
  phrases: [
    // Elided articles and "è": "l'anno", "dell'Italia", "c'è", "Com'è", "Qual è".
    [/\b(?:l|dell|nell|all|dall|sull|un|c|d)['’](?=\p{L})/giu, ''],
    [/\bcom['’]è/giu, 'come è'],
    [/\bcome\s+si\s+chiama\b/giu, 'what is the name of'],
    [/\bche\s+cosa\b/giu, 'what'],
    [/\bda\s+quando\b/giu, 'since when'],
    [/\bentro\s+quando\b/giu, 'by when'],
    [/\bin\s+quale\s+anno\b/giu, 'in which year'],
    [/\bstati\s+uniti\b/giu, 'US'],
  ],
};
