"""Text utilities shared by every reader and rule kind: normalisation, sentences, cues."""
