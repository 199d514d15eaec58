def render(results):
    return repr(results)
