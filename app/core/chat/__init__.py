"""Chat: prompts, context packing, the LCEL chain, citations, conversations, quick actions."""
