import ParagraphCore
print("paragraph")
