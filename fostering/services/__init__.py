"""State changes of the fostering hub: one function each, atomic, validated and audited."""
