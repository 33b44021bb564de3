"""Help with writing records a child could read later: plainer words, readability, British spelling,
and the documents a record becomes (the case-file export, the letter to the child).

No Qt here: the editor (ui/writing_aid.py) and the PDF writer (wvisit/pdf.py) draw what this package decides.
"""
