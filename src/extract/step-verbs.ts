/**
 * The verbs a reproduction step starts with ("Open the page", "Upload a file", "Click save"),
 * as a pattern source: the prose-steps reader (imperative-steps.ts) and the numbered-list
 * reader (blocks.ts, telling a step from a numbered heading) share one list.
 */
export const STEP_VERB =
  '(?:open|go|goto|navigate|visit|browse|click|log ?in|login|sign (?:in|up)|register|enable|upload|download|change|modify|edit|set|send|submit|post|intercept|capture|run|execute|install|create|add|enter|type|put|insert|paste|select|access|request|call|start|launch|load|import|copy|save|craft|prepare|host|invoke|replace|fill|input|trigger|compile|build|clone|issue(?!\\s+(?:about|with|in|of|on|regarding|report|for)\\b)|append|inject|include|attach|drag|drop|press|choose|give)';
